import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** `pid`: the server process (`next start` serves from the process it was spawned as). */
export type RunningServer = { url: string; pid: number; stop: () => Promise<void> };

const root = path.resolve(import.meta.dirname, "..");

async function waitFor(check: () => Promise<boolean>, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

const answers = (url: string) => fetch(url).then(() => true);

/**
 * Starts the production build (`next start`) in its own process group, so stopping it takes every
 * process it forked, and waits until the port is free again before returning.
 */
export async function startNextServer(port: number, env: Record<string, string>): Promise<RunningServer> {
  const url = `http://localhost:${port}`;
  if (await answers(url).catch(() => false)) throw new Error(`port ${port} is already in use`);
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/next"),
    ["start", "--port", String(port)],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "inherit", "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    },
  );
  let exited = false;
  child.once("exit", () => {
    exited = true;
  });
  const stop = async () => {
    if (!exited && child.pid) {
      try {
        process.kill(-child.pid, "SIGTERM");
      } catch {}
    }
    await waitFor(
      async () => !(await answers(url).catch(() => false)),
      15_000,
      `port ${port} to close`,
    ).catch(() => {
      if (child.pid) process.kill(-child.pid, "SIGKILL");
    });
  };
  try {
    await waitFor(
      async () => {
        if (exited) throw new Error("next start exited");
        return (await fetch(`${url}/api/health`)).ok;
      },
      60_000,
      `${url}/api/health`,
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, pid: child.pid as number, stop };
}
