/** One field that a write changed, by its dotted path in the stored before/after state. */
export type FieldChange = { path: string; before: unknown; after: unknown };

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null && !Array.isArray(value);
}

function flatten(value: unknown, prefix: string, into: Map<string, unknown>): void {
  if (isPlainObject(value)) {
    for (const [key, inner] of Object.entries(value)) flatten(inner, prefix ? `${prefix}.${key}` : key, into);
  } else if (prefix) {
    into.set(prefix, value);
  }
}

/**
 * The fields that differ between two stored states, nested objects by dotted path, in the order
 * they first appear. A state that is not an object (null: the target did not exist) counts as
 * having no fields, so every field of the other side shows as added or removed.
 */
export function diffStates(before: unknown, after: unknown): FieldChange[] {
  const was = new Map<string, unknown>();
  const now = new Map<string, unknown>();
  flatten(before, "", was);
  flatten(after, "", now);
  const paths = [...new Set([...was.keys(), ...now.keys()])];
  return paths
    .filter((path) => JSON.stringify(was.get(path)) !== JSON.stringify(now.get(path)))
    .map((path) => ({ path, before: was.get(path), after: now.get(path) }));
}

/** A stored value as one short line: lists joined, absent and null named. */
export function formatValue(value: unknown): string {
  if (value === undefined) return "(absent)";
  if (value === null) return "none";
  if (Array.isArray(value)) return value.length === 0 ? "(empty)" : value.map(formatValue).join(", ");
  if (typeof value === "string") return value;
  return JSON.stringify(value);
}
