import type { Database } from "@/lib/db/connect";
import { getIssueOrg } from "@/lib/db/queries/installations";
import { getProjectWritebackOfIssue } from "@/lib/db/queries/writebacks";
import type { WritebackMode } from "@/lib/db/schema";

/** What decides whether a triager's actions may be written to Sentry (read from the environment once). */
export type ActionGate = {
  /** SIFT_WRITEBACK: the mode of projects without an admin's override. */
  defaultMode: WritebackMode;
  /** The internal integration's organisation, when SENTRY_API_TOKEN and SENTRY_ORG are both set. */
  internalOrg: string | null;
  /** The public integration: null when not configured, else whether it works and why not. */
  publicIntegration: { ok: true } | { ok: false; error: string } | null;
};

const NO_TOKEN =
  "No Sentry token is configured: set SENTRY_API_TOKEN and SENTRY_ORG (an internal integration with Issue & Event: Write), or install Sift's public integration.";

/**
 * Why a triager's actions on this issue cannot be written to Sentry, or null when they can; undefined
 * for an unknown issue. Actions need a token that covers the issue's organisation and a write-back
 * mode other than off (comment is enough: assign governs only Sift's own automatic assignment, while
 * an action is a person's decision). Off stays a kill switch: with it Sift writes nothing to Sentry.
 */
export async function whyActionsAreOff(
  db: Database,
  issueId: string,
  gate: ActionGate,
): Promise<string | null | undefined> {
  const override = await getProjectWritebackOfIssue(db, issueId);
  if (override === undefined) return undefined;
  if ((override ?? gate.defaultMode) === "off") {
    return override
      ? "Write-back to Sentry is off for this issue's project (set by an admin under Admin → Projects)."
      : "Write-back to Sentry is off (SIFT_WRITEBACK=off): an admin turns it on for this project under Admin → Projects, or sets SIFT_WRITEBACK.";
  }
  const org = await getIssueOrg(db, issueId);
  if (org?.installation) {
    if (org.installation.status === "deleted") {
      return `Sift's integration was uninstalled from the Sentry organisation ${org.installation.orgSlug}.`;
    }
    if (!gate.publicIntegration) return `${NO_TOKEN} (SENTRY_CLIENT_ID is not set.)`;
    return gate.publicIntegration.ok ? null : gate.publicIntegration.error;
  }
  if (!gate.internalOrg) return NO_TOKEN;
  if (org?.orgSlug && org.orgSlug !== gate.internalOrg) {
    return `SENTRY_API_TOKEN is for the Sentry organisation ${gate.internalOrg}, not ${org.orgSlug}.`;
  }
  return null;
}

/** The first of the issues whose actions cannot be written, with why; null when all of them can. */
export async function firstIssueActionsAreOff(
  db: Database,
  issueIds: string[],
  gate: ActionGate,
): Promise<{ issueId: string; reason: string } | null> {
  for (const issueId of issueIds) {
    const reason = await whyActionsAreOff(db, issueId, gate);
    if (reason === undefined) return { issueId, reason: `Issue ${issueId} not found.` };
    if (reason) return { issueId, reason };
  }
  return null;
}
