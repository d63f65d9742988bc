import { mkdirSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import type { TestProject } from "vitest/node";
import { connect } from "@/lib/db/connect";

declare module "vitest" {
  export interface ProvidedContext {
    /** A migrated PGlite data folder (PGlite's dumpDataDir), which each data-layer suite starts from. */
    pgliteDataDirCopy: string;
  }
}

/**
 * Vitest global setup of the data-layer project: creates and migrates one PGlite cluster, once per
 * run, and saves it for test/databases.ts. Built by `connect`, as the app's own is, so a new
 * migration is always in it.
 */
export default async function setup(project: TestProject) {
  const file = path.join(process.cwd(), ".data", "test-pglite", `migrated-${process.pid}.tar`);
  mkdirSync(path.dirname(file), { recursive: true });
  const connection = await connect({ dataDir: "memory://" });
  try {
    const copy = await connection.dumpDataDir?.();
    if (!copy) throw new Error("connect() did not open PGlite");
    writeFileSync(file, Buffer.from(await copy.arrayBuffer()));
  } finally {
    await connection.close();
  }
  project.provide("pgliteDataDirCopy", file);
  return () => rmSync(file, { force: true });
}
