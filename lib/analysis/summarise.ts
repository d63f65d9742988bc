import type { BlastRadius, Frame, OwnerVerdict } from "./types";

export type SummaryInput = {
  /** The issue title, e.g. "TypeError: Cannot read properties of undefined (reading 'id')". */
  title: string;
  culprit: string | null;
  /** The in-app frame closest to the crash (the newest), if any. */
  frame: Frame | null;
  blastRadius: BlastRadius;
  owner: OwnerVerdict;
};

const NAMED_TENANTS = 3;
const MAX_TITLE = 80;
const OWNER_TOKEN = /^(?:#[\w.-]+|[^\s@#]+@[^\s@]+)$/;

const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? "" : "s"}`;

// Titles look like "TypeError: message"; the type alone reads better in a one-liner.
function describeError(title: string): string {
  const type = /^([\w$.*]+):\s/.exec(title)?.[1];
  const text = (type ?? title).trim() || "Error";
  return text.length > MAX_TITLE ? `${text.slice(0, MAX_TITLE - 1)}…` : text;
}

// The last two path segments are enough to recognise a file without the noise of build roots.
function describeLocation(frame: Frame | null, culprit: string | null): string | null {
  const file = frame?.filename?.split("/").filter(Boolean).slice(-2).join("/") || null;
  if (file) return frame?.function ? `${file} (${frame.function})` : file;
  if (frame?.function) return frame.function;
  return culprit?.trim() || null;
}

function describeImpact(radius: BlastRadius): string {
  if (radius.events === 0) return "no events yet";
  const who = radius.users > 0 ? plural(radius.users, "user") : plural(radius.events, "event");
  if (radius.tenants === 0) return who;
  const names = radius.topTenants.slice(0, NAMED_TENANTS).map((t) => t.tenantId);
  if (radius.tenants > names.length) names.push("…");
  return `${who} in ${plural(radius.tenants, "tenant")} (${names.join(", ")})`;
}

// The rule's owners repeat what the sentence already says; keep only its matcher.
function ruleMatcher(rule: string): string {
  const tokens = rule.trim().split(/\s+/);
  while (tokens.length > 1 && OWNER_TOKEN.test(tokens.at(-1) ?? "")) tokens.pop();
  return tokens.join(" ");
}

function describeOwner(owner: OwnerVerdict): string {
  return owner.rule
    ? `owner ${owner.owner} via ${ruleMatcher(owner.rule)}`
    : `owner ${owner.owner} (fallback)`;
}

/**
 * One readable line from the evidence, e.g.
 * `TypeError in checkout/cart.ts (applyCoupon) — 12 users in 3 tenants (acme, globex, initech); owner #payments via path:src/checkout/**`.
 * Deterministic: the same input always yields the same text. Counts describe the events analysed.
 */
export function summarise(input: SummaryInput): string {
  const where = describeLocation(input.frame, input.culprit);
  const what = describeError(input.title);
  const head = where ? `${what} in ${where}` : what;
  return `${head} — ${describeImpact(input.blastRadius)}; ${describeOwner(input.owner)}`;
}
