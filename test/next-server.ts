import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** `pid`: the server process (`next start` serves from the process it was spawned as). */
export type RunningServer = {
  url: string;
  pid: number;
  /** SIGTERM to the whole process group, then waits until the port is free. */
  stop: () => Promise<void>;
  /** SIGKILL to the whole process group, as a crash or the OOM killer would, then waits until the port is free. */
  kill: () => Promise<void>;
  /** Sends a signal to the whole process group (SIGSTOP freezes it mid-work, SIGCONT lets it go on). */
  signal: (signal: NodeJS.Signals) => void;
  /** The tail of what it printed, when started with `quiet` (empty otherwise). */
  output: () => string;
};

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
export async function startNextServer(
  port: number,
  env: Record<string, string>,
  options: { quiet?: boolean } = {},
): Promise<RunningServer> {
  const url = `http://localhost:${port}`;
  if (await answers(url).catch(() => false)) throw new Error(`port ${port} is already in use`);
  const child: ChildProcess = spawn(
    path.join(root, "node_modules/.bin/next"),
    ["start", "--port", String(port)],
    {
      cwd: root,
      detached: true,
      // Quiet: a server under deliberate faults logs every failed query; keep it for failure reports.
      stdio: ["ignore", options.quiet ? "pipe" : "inherit", options.quiet ? "pipe" : "inherit"],
      env: { ...process.env, NODE_ENV: "production", NEXT_TELEMETRY_DISABLED: "1", ...env },
    },
  );
  let output = "";
  const append = (chunk: Buffer) => {
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout?.on("data", append);
  child.stderr?.on("data", append);
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
  const kill = async () => {
    if (!exited && child.pid) process.kill(-child.pid, "SIGKILL");
    await waitFor(
      async () => exited && !(await answers(url).catch(() => false)),
      15_000,
      `port ${port} to close`,
    );
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
    if (options.quiet && error instanceof Error) error.message += `\n--- next start printed:\n${output}`;
    throw error;
  }
  const signal = (name: NodeJS.Signals) => {
    if (!exited && child.pid) process.kill(-child.pid, name);
  };
  return { url, pid: child.pid as number, stop, kill, signal, output: () => output };
}
