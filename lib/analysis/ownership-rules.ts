import type { OwnershipRule } from "./types";

export type OwnershipRuleError = { line: number; text: string; reason: string };

const TYPED_MATCHER = /^(path|module|url|codeowners|tags\.[^\s:"]+):/;
// Anything shaped like `word:` that is not a known type is a typo, not a path containing a colon.
// Two letters minimum so Windows drive letters (`C:\src\…`) still read as paths.
const UNKNOWN_TYPE = /^([A-Za-z][\w.-]+):/;
const TEAM = /^#[\w.-]+$/;
const EMAIL = /^[^\s@#]+@[^\s@]+$/;

type Parsed = { rule: OwnershipRule } | { reason: string };

// Returns the pattern and the rest of the line, honouring a double-quoted pattern.
function splitPattern(source: string): { pattern: string; rest: string } | { reason: string } {
  if (source.startsWith('"')) {
    const close = source.indexOf('"', 1);
    if (close === -1) return { reason: "unclosed quote in pattern" };
    return { pattern: source.slice(1, close), rest: source.slice(close + 1) };
  }
  const space = source.search(/\s/);
  return space === -1
    ? { pattern: source, rest: "" }
    : { pattern: source.slice(0, space), rest: source.slice(space) };
}

function parseLine(text: string): Parsed {
  const typed = TYPED_MATCHER.exec(text);
  if (!typed) {
    const unknown = UNKNOWN_TYPE.exec(text);
    if (unknown) return { reason: `unknown rule type "${unknown[1]}"` };
  }
  const type = typed?.[1] ?? "path";
  const split = splitPattern(typed ? text.slice(typed[0].length) : text);
  if ("reason" in split) return split;
  if (!split.pattern) return { reason: "empty pattern" };
  if (split.rest !== "" && !/^\s/.test(split.rest)) return { reason: "no space after pattern" };
  const owners = split.rest.trim().split(/\s+/).filter(Boolean);
  if (owners.length === 0) return { reason: "no owners" };
  const bad = owners.find((o) => !TEAM.test(o) && !EMAIL.test(o));
  if (bad) return { reason: `"${bad}" is neither an email nor a #team` };
  const kind = type.startsWith("tags.") ? "tag" : (type as OwnershipRule["kind"]);
  const rule: OwnershipRule = {
    kind,
    pattern: split.pattern,
    owners: owners.map((o) => (o.startsWith("#") ? o : o.toLowerCase())),
    text,
  };
  if (kind === "tag") rule.tag = type.slice("tags.".length);
  return { rule };
}

/**
 * Parses Sentry ownership rules (`type:pattern owner…`, one per line) and reports each malformed
 * line with its 1-based number and a reason instead of throwing, so a settings UI can show them.
 * Blank lines and lines starting with `#` are skipped. O(text length).
 */
export function parseOwnershipRulesWithErrors(text: string): {
  rules: OwnershipRule[];
  errors: OwnershipRuleError[];
} {
  const rules: OwnershipRule[] = [];
  const errors: OwnershipRuleError[] = [];
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = raw.trim();
    if (line === "" || line.startsWith("#")) return;
    const parsed = parseLine(line);
    if ("rule" in parsed) rules.push(parsed.rule);
    else errors.push({ line: index + 1, text: line, reason: parsed.reason });
  });
  return { rules, errors };
}

/** Like parseOwnershipRulesWithErrors, silently dropping malformed lines. */
export function parseOwnershipRules(text: string): OwnershipRule[] {
  return parseOwnershipRulesWithErrors(text).rules;
}

/**
 * An owner written as rules write it: `#team` (a bare team slug gets its `#`) or an email,
 * lower-cased as parsed rules hold it; null when it is neither. What a triager types and what
 * Sentry names a team both go through this, so the learned model sees one spelling per owner.
 */
export function normaliseOwner(value: string): string | null {
  const trimmed = value.trim();
  if (EMAIL.test(trimmed)) return trimmed.toLowerCase();
  const team = trimmed.startsWith("#") ? trimmed : `#${trimmed}`;
  return TEAM.test(team) ? team : null;
}
