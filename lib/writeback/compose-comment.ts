import { plural } from "@/lib/analysis/plural";
import type { BlastRadius, OwnerVerdict } from "@/lib/analysis/types";

export type CommentInput = {
  summary: string;
  owner: OwnerVerdict;
  blastRadius: BlastRadius;
  /** Sift's page for the issue, e.g. https://sift.example.com/issues/1234. */
  siftIssueUrl: string;
};

const NAMED_TENANTS = 5;
const NAMED_ROLES = 5;

// A code span holding any text: fenced with one more backtick than the longest run inside it.
function codeSpan(text: string): string {
  const longest = Math.max(0, ...(text.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  const pad = text.startsWith("`") || text.endsWith("`") ? " " : "";
  return `${fence}${pad}${text}${pad}${fence}`;
}

// Text from events (titles, tenant ids) must not become links, emphasis or headings in Sentry.
function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_{}[\]()#+\-!|<>~]/g, "\\$&").replace(/\s+/g, " ");
}

function ownerLine(owner: OwnerVerdict): string {
  if (owner.source === "ownership_rule" && owner.rule) {
    return `**Owner:** ${escapeMarkdown(owner.owner)}, by the ownership rule ${codeSpan(owner.rule)}`;
  }
  if (owner.source === "correction")
    return `**Owner:** ${escapeMarkdown(owner.owner)} (set by a triager in Sift)`;
  if (owner.source === "learned") {
    return `**Owner:** ${escapeMarkdown(owner.owner)} (learned from past issues the team settled; no ownership rule matched)`;
  }
  return `**Owner:** ${escapeMarkdown(owner.owner)} (no ownership rule matched: the triage team)`;
}

function radiusLines(radius: BlastRadius): string[] {
  if (radius.events === 0) return ["**Blast radius:** no events received yet"];
  const counts = [plural(radius.users, "user"), plural(radius.events, "event")];
  if (radius.tenants > 0) counts.push(plural(radius.tenants, "tenant"));
  const lines = [`**Blast radius:** ${counts.join(" · ")}`];
  if (radius.topTenants.length > 0) {
    const named = radius.topTenants
      .slice(0, NAMED_TENANTS)
      .map((t) => `${escapeMarkdown(t.tenantId)} (${plural(t.users, "user")})`);
    if (radius.tenants > named.length) named.push("…");
    lines.push(`- Tenants: ${named.join(", ")}`);
  }
  if (radius.roles.length > 0) {
    const roles = radius.roles
      .slice(0, NAMED_ROLES)
      .map((r) => `${escapeMarkdown(r.role)} (${plural(r.users, "user")})`);
    if (radius.roles.length > roles.length) roles.push("…");
    lines.push(`- Roles: ${roles.join(", ")}`);
  }
  return lines;
}

/**
 * The markdown comment Sift posts on a Sentry issue: the one-line summary, the owner and the rule
 * that matched, the blast radius, and a link back to Sift. Deterministic (the same analysis gives
 * the same text, byte for byte), because the text's hash is what tells an unchanged comment from
 * one to edit and recognises a comment already posted. No clock: a timestamp would change it on
 * every run.
 */
export function composeComment(input: CommentInput): string {
  return [
    `**Sift triage:** ${escapeMarkdown(input.summary)}`,
    "",
    ownerLine(input.owner),
    "",
    ...radiusLines(input.blastRadius),
    "",
    `[Open in Sift](${input.siftIssueUrl})`,
  ].join("\n");
}
