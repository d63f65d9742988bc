import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, expect, it } from "vitest";
import { startWorkerProcess } from "@/test/worker-process";

const dataDir = mkdtempSync(path.join(tmpdir(), "sift-worker-start-"));
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

it("npm run worker stops cleanly on SIGTERM while its database is still opening", async () => {
  // A new PGlite folder takes seconds to create and migrate: the signal lands in that window.
  const worker = startWorkerProcess({ DATABASE_URL: "", SIFT_DATA_DIR: dataDir, SENTRY_DSN: "" });
  const deadline = Date.now() + 30_000;
  while (!worker.output().includes("opening the database") && worker.alive() && Date.now() < deadline)
    await new Promise((resolve) => setTimeout(resolve, 20));
  expect(worker.output()).toContain("opening the database");
  expect(worker.output()).not.toContain("started on");
  expect(await worker.stop()).toBe(0);
  expect(worker.output()).toContain("SIGTERM: stopping during start-up");
  expect(worker.output()).not.toContain("started on");
}, 60_000);
