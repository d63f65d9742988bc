import type { JobKind } from "./job-kind";

export type JobRegistry = ReadonlyMap<string, JobKind>;

/** The kinds a worker runs, by name; a name given twice is a wiring mistake and fails at start-up. */
export function createJobRegistry(kinds: JobKind[]): JobRegistry {
  const registry = new Map<string, JobKind>();
  for (const kind of kinds) {
    if (registry.has(kind.name)) throw new Error(`job kind "${kind.name}" is registered twice`);
    registry.set(kind.name, kind);
  }
  return registry;
}
