import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");

export type WorkerProcesses = { stop: () => Promise<void> };

/**
 * Starts `count` processes of `npm run worker` (tsx, as the npm script runs it), each in its own
 * process group, and resolves once every one has said it started.
 */
export async function startWorkerProcesses(
  count: number,
  env: Record<string, string>,
): Promise<WorkerProcesses> {
  const children: ChildProcess[] = [];
  const started = Array.from({ length: count }, () => {
    const child = spawn(
      path.join(root, "node_modules/.bin/tsx"),
      ["--conditions=react-server", "scripts/worker.ts"],
      {
        cwd: root,
        detached: true,
        stdio: ["ignore", "pipe", "inherit"],
        env: { ...process.env, NODE_ENV: "production", ...env },
      },
    );
    children.push(child);
    return new Promise<void>((resolve, reject) => {
      child.once("exit", (code) => reject(new Error(`worker exited with ${code} before starting`)));
      child.stdout?.on("data", (chunk: Buffer) => {
        if (chunk.toString().includes("[sift worker] started")) resolve();
      });
    });
  });
  const stop = async () => {
    await Promise.all(
      children.map(
        (child) =>
          new Promise<void>((resolve) => {
            if (child.exitCode !== null || !child.pid) return resolve();
            const kill = setTimeout(() => child.pid && process.kill(-child.pid, "SIGKILL"), 10_000);
            child.once("exit", () => {
              clearTimeout(kill);
              resolve();
            });
            process.kill(-child.pid, "SIGTERM");
          }),
      ),
    );
  };
  try {
    await Promise.all(started);
  } catch (error) {
    await stop();
    throw error;
  }
  return { stop };
}
