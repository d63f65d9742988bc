import { suggestNextStep } from "./next-step";
import { plural } from "./plural";
import type {
  BlastRadius,
  CategoryVerdict,
  ErrorCategory,
  Frame,
  IncidentFacts,
  OwnerVerdict,
  Suspects,
} from "./types";

export type SummaryInput = {
  /** The issue title, e.g. "TypeError: Cannot read properties of undefined (reading 'id')". */
  title: string;
  culprit: string | null;
  /** The in-app frame closest to the crash (the newest), if any. */
  frame: Frame | null;
  category: CategoryVerdict;
  blastRadius: BlastRadius;
  /** Share of the active tenants the issue hit (the priority's); null when unknown. */
  activeTenantShare: number | null;
  suspects: Suspects | null;
  /** Null: in no incident; undefined: not looked up (nothing said). */
  incident?: IncidentFacts | null;
  owner: OwnerVerdict;
};

export type Summary = { text: string; nextStep: string };

const NAMED_TENANTS = 3;
const MAX_TITLE = 80;
const MAX_ROOT_TITLE = 60;
const OWNER_TOKEN = /^(?:#[\w.-]+|[^\s@#]+@[^\s@]+)$/;

const CATEGORY_WORDS: Record<ErrorCategory, string | null> = {
  null_access: "null or undefined access",
  type_error: "type error",
  network: "network or timeout",
  upstream_5xx: "upstream 5xx",
  auth: "auth",
  validation: "validation",
  database: "database",
  asset_load: "chunk or asset load",
  resource_exhaustion: "resource exhaustion",
  rate_limit: "rate limit",
  configuration: "configuration",
  third_party_script: "third-party script",
  other: null,
};

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

// Titles look like "TypeError: message"; the type alone reads better in a sentence.
function describeError(title: string): string {
  const type = /^([\w$.*]+):\s/.exec(title)?.[1];
  return cut((type ?? title).trim() || "Error", MAX_TITLE);
}

// The last two path segments are enough to recognise a file without the noise of build roots.
function describeLocation(frame: Frame | null, culprit: string | null): string | null {
  const file = frame?.filename?.split("/").filter(Boolean).slice(-2).join("/") || null;
  if (file) return frame?.function ? `${file} (${frame.function})` : file;
  if (frame?.function) return frame.function;
  return culprit?.trim() || null;
}

function percent(share: number): string {
  const p = share * 100;
  return p > 0 && p < 1 ? "under 1%" : `${Math.round(p)}%`;
}

function describeImpact(radius: BlastRadius, activeTenantShare: number | null): string {
  if (radius.events === 0) return "No events yet.";
  if (radius.users === 0 && radius.tenants === 0) return `${plural(radius.events, "event")}, no user known.`;
  const who = radius.users > 0 ? plural(radius.users, "user") : plural(radius.events, "event");
  if (radius.tenants === 0) return `It hit ${who}.`;
  const names = radius.topTenants.slice(0, NAMED_TENANTS).map((t) => t.tenantId);
  if (radius.tenants > names.length) names.push("…");
  const share = activeTenantShare === null ? "" : `, ${percent(activeTenantShare)} of the active tenants`;
  return `It hit ${who} in ${plural(radius.tenants, "tenant")} (${names.join(", ")})${share}.`;
}

function describeIncident(incident: IncidentFacts | null | undefined): string | null {
  if (incident === undefined) return null;
  if (incident === null) return "No other issue is linked to it yet.";
  const sure = `root confidence ${percent(incident.rootConfidence)}`;
  if (incident.role === "root") {
    return `It is the likely root of incident #${incident.id}, which groups ${plural(incident.issueCount, "issue")} (${sure}).`;
  }
  const title = incident.rootTitle ? ` "${cut(incident.rootTitle, MAX_ROOT_TITLE)}"` : "";
  return `It is part of incident #${incident.id} (${plural(incident.issueCount, "issue")}), likely caused by ${incident.rootLabel}${title} (${sure}).`;
}

// The rule's owners repeat what the sentence already says; keep only its matcher.
function ruleMatcher(rule: string): string {
  const tokens = rule.trim().split(/\s+/);
  while (tokens.length > 1 && OWNER_TOKEN.test(tokens.at(-1) ?? "")) tokens.pop();
  return tokens.join(" ");
}

function describeOwner(owner: OwnerVerdict): string {
  if (owner.source === "correction")
    return `Owner ${owner.owner} (set by ${owner.correctedBy ?? "a triager"}).`;
  const minority = owner.minority;
  const noRule = minority
    ? `${ruleMatcher(minority.rule)} matched only ${minority.share.matched} of ${minority.share.of} events`
    : "no ownership rule matched";
  if (owner.source === "learned") {
    return `Owner ${owner.owner}, learned from ${plural(owner.backedBy?.length ?? 0, "past issue")} (${noRule}).`;
  }
  if (!owner.rule) return `Owner ${owner.owner} (fallback: ${noRule}).`;
  const share = owner.share;
  const partial =
    share && share.matched < share.of ? ` (matched ${share.matched} of ${share.of} events)` : "";
  return `Owner ${owner.owner} via ${ruleMatcher(owner.rule)}${partial}.`;
}

/**
 * A paragraph from the evidence: what broke and where (category and newest in-app frame), since
 * which release, who is hurt (users, tenants, share of active tenants, top tenants), the incident
 * and its likely root, the owner with its rule, and a suggested next step (suggestNextStep), e.g.
 * `TypeError (null or undefined access) in checkout/cart.ts (applyCoupon), since release web@1.4.0.
 * It hit 12 users in 4 tenants (acme, globex, initech, …), 25% of the active tenants. …`
 * Deterministic: the same input always yields the same text. Counts describe the events analysed.
 */
export function summarise(input: SummaryInput): Summary {
  const where = describeLocation(input.frame, input.culprit);
  const words = CATEGORY_WORDS[input.category.category];
  const what = `${describeError(input.title)}${words ? ` (${words})` : ""}`;
  const release = input.suspects?.release;
  const head = `${what}${where ? ` in ${where}` : ""}${release ? `, since release ${release}` : ""}.`;
  const nextStep = suggestNextStep({
    category: input.category.category,
    where,
    suspects: input.suspects,
    incident: input.incident ?? null,
  });
  const text = [
    head,
    describeImpact(input.blastRadius, input.activeTenantShare),
    describeIncident(input.incident),
    describeOwner(input.owner),
    `Next: ${nextStep}.`,
  ]
    .filter((part): part is string => part !== null)
    .join(" ");
  return { text, nextStep };
}
