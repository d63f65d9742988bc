// Error messages embed the values that varied (ids, counts, user input). Replacing them with
// placeholders lets messages from different events of the same bug compare equal.

// Quotes count only at word edges, so apostrophes in "don't" or "isn't" are left alone.
const QUOTED = /(^|[^\w])(["'`])[^\n]*?\2(?!\w)/g;
const UUID = /\b[0-9a-f]{8}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{4}-?[0-9a-f]{12}\b/gi;
const EMAIL = /[\w.+-]+@[\w-]+(?:\.[\w-]+)+/g;
const HEX_LITERAL = /\b0x[0-9a-f]+\b/gi;
// Eight or more hex characters with at least one digit: ids and hashes, not English words.
const HEX_ID = /\b(?=[0-9a-f]*\d)(?=[0-9a-f]*[a-f])[0-9a-f]{8,}\b/gi;
// Digits glued to letters ("utf8", "v3", "12.5s") are part of a name or unit, not a value.
const NUMBER = /(?<![\w<.])-?\d+(?:\.\d+)?(?!\w|\.\d)/g;

/**
 * Replaces the variable parts of a message: quoted values → `"<str>"` (keeping the quote
 * character), UUIDs → `<uuid>`, emails → `<email>`, hex ids and 0x literals → `<id>`, numbers →
 * `<n>`; whitespace is collapsed. Returns null for an empty message. Deterministic, O(length).
 */
export function toMessageTemplate(message: string | null | undefined): string | null {
  const text = (message ?? "").trim();
  if (!text) return null;
  return text
    .replace(QUOTED, (_whole, before: string, quote: string) => `${before}${quote}<str>${quote}`)
    .replace(UUID, "<uuid>")
    .replace(EMAIL, "<email>")
    .replace(HEX_LITERAL, "<id>")
    .replace(HEX_ID, "<id>")
    .replace(NUMBER, "<n>")
    .replace(/\s+/g, " ");
}
