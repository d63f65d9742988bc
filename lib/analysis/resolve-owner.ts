import { globToRegExp } from "./glob";
import type { Frame, OwnershipRule, OwnerVerdict } from "./types";

export type ResolveOwnerInput = {
  rules: OwnershipRule[];
  frames: Frame[];
  tags: Record<string, string>;
  url: string | null;
  fallbackOwner: string;
};

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

function matches(rule: OwnershipRule, input: ResolveOwnerInput): boolean {
  const inApp = input.frames.filter((f) => f.inApp);
  switch (rule.kind) {
    case "path": {
      const re = globToRegExp(toSlashes(rule.pattern), { ignoreCase: true });
      return inApp.some((f) => f.filename !== null && re.test(toSlashes(f.filename)));
    }
    case "codeowners": {
      const re = codeownersRegExp(rule.pattern);
      return inApp.some((f) => f.filename !== null && re.test(toSlashes(f.filename)));
    }
    case "module": {
      const re = globToRegExp(rule.pattern, { ignoreCase: true });
      return inApp.some((f) => f.module !== null && re.test(f.module));
    }
    case "url":
      return input.url !== null && globToRegExp(rule.pattern, { ignoreCase: true }).test(input.url);
    case "tag": {
      const value = rule.tag === undefined ? undefined : input.tags[rule.tag];
      return value !== undefined && globToRegExp(rule.pattern, { ignoreCase: false }).test(value);
    }
  }
}

/**
 * Picks the owner the way Sentry does: CODEOWNERS rules are evaluated first, then ownership
 * rules, each top to bottom; the last matching rule wins and its left-most owner is the owner,
 * so ownership rules override CODEOWNERS. path/codeowners/module look at in-app frames only;
 * path, module and url compare case-insensitively, tag values case-sensitively. Frame order is
 * irrelevant. O(rules × frames).
 */
export function resolveOwner(input: ResolveOwnerInput): OwnerVerdict {
  const ordered = [
    ...input.rules.filter((r) => r.kind === "codeowners"),
    ...input.rules.filter((r) => r.kind !== "codeowners"),
  ];
  const winner = ordered.findLast((rule) => rule.owners.length > 0 && matches(rule, input));
  const owner = winner?.owners[0];
  if (!winner || owner === undefined) return { owner: input.fallbackOwner, source: "fallback", rule: null };
  return { owner, source: "ownership_rule", rule: winner.text };
}
