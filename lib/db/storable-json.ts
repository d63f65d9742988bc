// PostgreSQL text and jsonb cannot hold U+0000 and reject unpaired UTF-16 surrogates, and one such
// character anywhere in a payload fails the whole insert. Event messages and tag values do carry
// them (binary data logged as text), so they are replaced with U+FFFD before storage. The
// alternative, a 400, would throw away an internal integration's only delivery attempt.

// biome-ignore lint/suspicious/noControlCharactersInRegex: U+0000 is exactly what must be found.
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

function storableString(value: string): string {
  return value.replace(unstorable, "\ufffd");
}

/** A copy of parsed JSON that PostgreSQL will store: strings and keys cleaned, everything else kept. */
export function toStorableJson<T>(value: T): T {
  if (typeof value === "string") return storableString(value) as T;
  if (Array.isArray(value)) return value.map(toStorableJson) as T;
  if (value !== null && typeof value === "object") {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[storableString(key)] = toStorableJson(item);
    return copy as T;
  }
  return value;
}

// In JSON text, U+0000 and lone surrogates can only come from \u escapes (raw control characters
// are invalid JSON, and decoding UTF-8 never yields a lone surrogate). Any \u0000 or surrogate
// escape, even a valid pair or an escaped backslash followed by "u0000", sends the text the slow way.
const unstorableEscape = /\\u(?:0000|[dD][89a-fA-F])/;

/**
 * True when JSON text that JSON.parse accepted parses to a value PostgreSQL stores as it is: the
 * text can then be stored as jsonb directly, with no cleaned copy and no re-serialising.
 */
export function isStorableJsonText(json: string): boolean {
  return !unstorableEscape.test(json);
}
