import { globToRegExp } from "./glob";
import type { LearnedOwner, OwnerQuery } from "./learned-owner";
import type { Frame, OwnershipRule, OwnerVerdict } from "./types";

/** What of one event the ownership rules read. */
export type OwnerEvidence = { frames: Frame[]; tags: Record<string, string>; url: string | null };

/** A model learned from settled owners, and the issue as it reads it (see ownerQueryOf). */
export type LearnedOwnerInput = { model: LearnedOwner; query: OwnerQuery; issueId: string };

export type ResolveOwnerInput = {
  rules: OwnershipRule[];
  /** The issue's recent events; each counts once in a rule's share. */
  events: OwnerEvidence[];
  fallbackOwner: string;
  /** Names the owner where no rule matched, and breaks ties between rules; absent: never consulted. */
  learned?: LearnedOwnerInput | null;
};

/** Past issues named as the backing of a learned owner, at most. */
const BACKING_SHOWN = 5;

const toSlashes = (value: string) => value.replace(/\\/g, "/");

// Sentry does not document exactly how it converts CODEOWNERS, so this follows GitHub's
// reading without code mappings: a leading `/` anchors at the repo root, which we accept at any
// depth of the stack path because the stack root is unknown; a trailing `/` means the directory.
function codeownersRegExp(pattern: string): RegExp {
  let glob = toSlashes(pattern).replace(/^\/+/, "");
  if (glob.endsWith("/")) glob += "*";
  const whole = globToRegExp(glob, { ignoreCase: true });
  return new RegExp(`^(?:.*/)?${whole.source.slice(1)}`, whole.flags);
}

/** The rule as a test of one event, its pattern compiled once for all the events. */
function matcherOf(rule: OwnershipRule): (event: OwnerEvidence) => boolean {
  const inAppFiles = (event: OwnerEvidence) =>
    event.frames.filter((f) => f.inApp && f.filename !== null).map((f) => toSlashes(f.filename ?? ""));
  switch (rule.kind) {
    case "path": {
      const re = globToRegExp(toSlashes(rule.pattern), { ignoreCase: true });
      return (event) => inAppFiles(event).some((file) => re.test(file));
    }
    case "codeowners": {
      const re = codeownersRegExp(rule.pattern);
      return (event) => inAppFiles(event).some((file) => re.test(file));
    }
    case "module": {
      const re = globToRegExp(rule.pattern, { ignoreCase: true });
      return (event) => event.frames.some((f) => f.inApp && f.module !== null && re.test(f.module));
    }
    case "url": {
      const re = globToRegExp(rule.pattern, { ignoreCase: true });
      return (event) => event.url !== null && re.test(event.url);
    }
    case "tag": {
      const re = globToRegExp(rule.pattern, { ignoreCase: false });
      return (event) => {
        const value = rule.tag === undefined ? undefined : event.tags[rule.tag];
        return value !== undefined && re.test(value);
      };
    }
  }
}

/** One owner some rule names, with the events any of its rules matched. */
type Candidate = {
  owner: string;
  rule: string;
  ruleMatched: number;
  events: Set<number>;
  order: number;
  /** Some rule over the code (path, CODEOWNERS, module) matched, not only rules over event data. */
  byCode: boolean;
};

// Rules over the code read the issue's frames, which its events share; rules over event data (a
// tag, a URL) read what differs per event, such as which tenant hit it.
const CODE_RULES: ReadonlySet<OwnershipRule["kind"]> = new Set(["path", "codeowners", "module"]);

/**
 * The owners the rules name, each with the events (by index) any of its rules matched. `order` is
 * the position of its last matching rule in Sentry's order (CODEOWNERS first, then ownership rules,
 * top to bottom), so a higher order is the rule Sentry would let win; `rule` is its rule that
 * matched the most events (the later one on a tie).
 */
function candidatesOf(rules: OwnershipRule[], events: OwnerEvidence[]): Candidate[] {
  const ordered = [
    ...rules.filter((r) => r.kind === "codeowners"),
    ...rules.filter((r) => r.kind !== "codeowners"),
  ];
  const byOwner = new Map<string, Candidate>();
  ordered.forEach((rule, order) => {
    const owner = rule.owners[0];
    if (owner === undefined) return;
    const matches = matcherOf(rule);
    const matched = events.flatMap((event, index) => (matches(event) ? [index] : []));
    if (matched.length === 0) return;
    const candidate = byOwner.get(owner) ?? {
      owner,
      rule: rule.text,
      ruleMatched: 0,
      events: new Set(),
      order,
      byCode: false,
    };
    candidate.byCode ||= CODE_RULES.has(rule.kind);
    for (const index of matched) candidate.events.add(index);
    if (matched.length >= candidate.ruleMatched) {
      candidate.rule = rule.text;
      candidate.ruleMatched = matched.length;
    }
    candidate.order = order;
    byOwner.set(owner, candidate);
  });
  return [...byOwner.values()];
}

/** The model's guesses that some past issue backs, best first, with the issue itself left out. */
function backedGuesses(learned: LearnedOwnerInput) {
  return learned.model
    .predict(learned.query, learned.model.size)
    .map((guess) => ({ ...guess, backing: guess.backing.filter((id) => id !== learned.issueId) }))
    .filter((guess) => guess.backing.length > 0);
}

/**
 * Picks the owner from the issue's recent events rather than its newest one, so one odd event (a
 * tenant a tag rule names) does not move an issue seen everywhere else. Each owner a rule names
 * gets the share of events any of its rules matched, rules read as Sentry does (path, CODEOWNERS
 * and module on in-app frames, case-insensitively; url case-insensitively; tag values
 * case-sensitively; a rule's left-most owner). An owner named only by rules over event data (tag,
 * url) needs at least half of the events: a rule that names one tenant describes that tenant's
 * events, not an issue seen across four (it is returned as `minority`, to be shown). Of the rest,
 * the largest share wins. Owners tied on it are
 * ranked by the learned model when it backs one of them, else by Sentry's precedence (CODEOWNERS
 * before ownership rules, the last matching rule wins). With no rule holding, the learned model's
 * best guess that past issues back names the owner; else the fallback. Frame order is irrelevant.
 * O(rules × events × frames) plus one prediction when consulted.
 */
export function resolveOwner(input: ResolveOwnerInput): OwnerVerdict {
  const of = input.events.length;
  const matched = candidatesOf(input.rules, input.events);
  const holds = (c: Candidate) => c.byCode || 2 * c.events.size >= of;
  const candidates = matched.filter(holds);
  const outvoted = matched
    .filter((c) => !holds(c))
    .sort((a, b) => b.events.size - a.events.size || b.order - a.order)[0];
  const minority = outvoted
    ? { rule: outvoted.rule, share: { matched: outvoted.events.size, of } }
    : undefined;
  const top = Math.max(0, ...candidates.map((c) => c.events.size));
  const tied = candidates.filter((c) => c.events.size === top).sort((a, b) => b.order - a.order);
  const guesses =
    input.learned && (tied.length !== 1 || candidates.length === 0) ? backedGuesses(input.learned) : [];
  const [first] = tied;
  if (first) {
    const guess = guesses.find((g) => tied.some((c) => c.owner === g.label));
    const winner = (guess && tied.find((c) => c.owner === guess.label)) || first;
    return {
      owner: winner.owner,
      source: "ownership_rule",
      rule: winner.rule,
      share: { matched: top, of },
      backedBy: guess ? guess.backing.slice(0, BACKING_SHOWN) : [],
    };
  }
  const [best] = guesses;
  if (best) {
    return {
      owner: best.label,
      source: "learned",
      rule: null,
      share: null,
      backedBy: best.backing.slice(0, BACKING_SHOWN),
      ...(minority && { minority }),
    };
  }
  return {
    owner: input.fallbackOwner,
    source: "fallback",
    rule: null,
    share: null,
    backedBy: [],
    ...(minority && { minority }),
  };
}
