import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

export type WorkerProcess = {
  /** Whether the process is still running (a worker must survive database outages). */
  alive: () => boolean;
  /** Everything it printed, for failure messages. */
  output: () => string;
  /** SIGTERM, as an operator stops it; resolves with its exit code. */
  stop: () => Promise<number | null>;
};

const root = path.resolve(import.meta.dirname, "..");

/**
 * `npm run worker` as its own process (the same command line, without npm's wrapper processes),
 * in its own process group so nothing it forks outlives the test.
 */
export function startWorkerProcess(env: Record<string, string>): WorkerProcess {
  const child: ChildProcess = spawn(
    process.execPath,
    ["--import", "tsx", "--conditions=react-server", "scripts/worker.ts"],
    {
      cwd: root,
      detached: true,
      stdio: ["ignore", "pipe", "pipe"],
      env: { ...process.env, NODE_ENV: "production", ...env },
    },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    // Keep the tail: a long outage prints a line per failed poll.
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
  let exitCode: number | null | undefined;
  const exited = new Promise<number | null>((resolve) =>
    child.once("exit", (code) => {
      exitCode = code;
      resolve(code);
    }),
  );
  return {
    alive: () => exitCode === undefined,
    output: () => output,
    async stop() {
      if (exitCode === undefined) child.kill("SIGTERM");
      // A worker stopped while PGlite is still migrating exits once that is done: on a loaded machine
      // that took more than 15 s (the test then read a kill as a failure to stop cleanly).
      const timer = setTimeout(() => {
        if (exitCode === undefined && child.pid) process.kill(-child.pid, "SIGKILL");
      }, 40_000);
      const code = await exited;
      clearTimeout(timer);
      return code;
    },
  };
}
