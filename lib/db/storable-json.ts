// PostgreSQL text and jsonb cannot hold U+0000 and reject unpaired UTF-16 surrogates, and one such
// character anywhere in a payload fails the whole insert. Event messages and tag values do carry
// them (binary data logged as text), so they are replaced with U+FFFD before storage. The
// alternative, a 400, would throw away an internal integration's only delivery attempt.

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be found.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

/**
 * Deeper than any payload Sentry sends (its own normalisation trims event data to a few levels),
 * and far below what breaks: JSON.stringify overflows Node's stack a few thousand levels down,
 * and PostgreSQL's jsonb parser stops at its max_stack_depth (some tens of thousands on 15).
 */
export const MAX_JSON_DEPTH = 512;

/** Thrown by toStorableJson for a value nested deeper than MAX_JSON_DEPTH; nothing was written. */
export class JsonTooDeepError extends Error {
  constructor(readonly maxDepth: number) {
    super(`JSON is nested deeper than ${maxDepth} levels.`);
    this.name = "JsonTooDeepError";
  }
}

function storableString(value: string): string {
  return value.replace(unstorable, "\ufffd");
}

type Container = Record<string, unknown> | unknown[];
const isContainer = (value: unknown): value is Container => value !== null && typeof value === "object";

/**
 * A copy of parsed JSON that PostgreSQL will store: strings and keys cleaned, everything else kept.
 * Walks with its own stack, not recursion, so depth cannot overflow the call stack; throws
 * JsonTooDeepError past maxDepth levels of arrays and objects.
 */
export function toStorableJson<T>(value: T, maxDepth = MAX_JSON_DEPTH): T {
  if (typeof value === "string") return storableString(value) as T;
  if (!isContainer(value)) return value;
  const root: Container = Array.isArray(value) ? [] : {};
  const pending: Array<{ from: Container; to: Container; depth: number }> = [
    { from: value, to: root, depth: 1 },
  ];
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { from, to, depth } = next;
    if (depth > maxDepth) throw new JsonTooDeepError(maxDepth);
    const entries: Array<[string | number, unknown]> = Array.isArray(from)
      ? from.map((item, index) => [index, item])
      : Object.entries(from);
    for (const [key, item] of entries) {
      let copy: unknown = item;
      if (typeof item === "string") copy = storableString(item);
      else if (isContainer(item)) {
        copy = Array.isArray(item) ? [] : {};
        pending.push({ from: item, to: copy as Container, depth: depth + 1 });
      }
      if (Array.isArray(to)) to[key as number] = copy;
      // A "__proto__" key from JSON.parse is data; plain assignment would set the prototype instead.
      else
        Object.defineProperty(to, storableString(key as string), {
          value: copy,
          enumerable: true,
          writable: true,
          configurable: true,
        });
    }
  }
  return root as T;
}

// In JSON text, U+0000 and lone surrogates can only come from \u escapes (raw control characters
// are invalid JSON, and decoding UTF-8 never yields a lone surrogate). Any \u0000 or surrogate
// escape, even a valid pair or an escaped backslash followed by "u0000", sends the text the slow way.
const unstorableEscape = /\\u(?:0000|[dD][89a-fA-F])/;

/** Whether `json` holds more than `limit` `[` and `{` in all, strings included (native scans). */
function opensMoreThan(json: string, limit: number): boolean {
  let opens = 0;
  for (const bracket of ["{", "["]) {
    for (let at = json.indexOf(bracket); at !== -1; at = json.indexOf(bracket, at + 1)) {
      if (++opens > limit) return true;
    }
  }
  return false;
}

/** Whether JSON text nests arrays and objects deeper than maxDepth; one pass, strings skipped. */
function nestsDeeperThan(json: string, maxDepth: number): boolean {
  // A payload's few hundred brackets cannot nest deeper than their count: the character walk
  // below, the webhook's costliest check after zod, runs only for text that has more.
  if (!opensMoreThan(json, maxDepth)) return false;
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json.charCodeAt(i);
    if (inString) {
      if (c === 92)
        i++; // a backslash escapes the next character
      else if (c === 34) inString = false;
    } else if (c === 34) inString = true;
    else if (c === 91 || c === 123) {
      if (++depth > maxDepth) return true;
    } else if (c === 93 || c === 125) depth--;
  }
  return false;
}

/**
 * True when JSON text that JSON.parse accepted parses to a value PostgreSQL stores as it is: the
 * text can then be stored as jsonb directly, with no cleaned copy and no re-serialising. Text
 * nested past MAX_JSON_DEPTH is not: the slow way refuses it with JsonTooDeepError.
 */
export function isStorableJsonText(json: string): boolean {
  return !unstorableEscape.test(json) && !nestsDeeperThan(json, MAX_JSON_DEPTH);
}
