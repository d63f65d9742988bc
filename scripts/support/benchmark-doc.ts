import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { cpus, totalmem } from "node:os";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "../..");
const file = path.join(root, "docs/benchmarks.md");
const heading =
  "# Benchmarks\n\nNumbers below are written by the scripts named in each section; rerun them to refresh.\n";

/** The "Machine:" line every benchmark section carries, so numbers are read against their hardware. */
export function machineLine(): string {
  return `Machine: ${cpus().length} × ${cpus()[0]?.model ?? "cpu"}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}.`;
}

/**
 * Prints a benchmark's section and writes it to docs/benchmarks.md, replacing the sections
 * `supersedes` picks (the same benchmark's previous run) and keeping every other one.
 */
export function writeBenchmarkSection(section: string, supersedes: (existing: string) => boolean): void {
  console.log(section);
  const previous = existsSync(file) ? readFileSync(file, "utf8") : heading;
  const kept = previous
    .split(/\n(?=## )/)
    .filter((part) => !supersedes(part))
    .join("\n");
  writeFileSync(file, `${kept.trimEnd()}\n\n${section}`);
  console.log(`written to ${path.relative(root, file)}`);
}
