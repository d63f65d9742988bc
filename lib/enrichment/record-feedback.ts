import type { FeedbackKind, FeedbackVerdict } from "@/lib/analysis/types";
import type { Database } from "@/lib/db/connect";
import { getLatestAnalysis } from "@/lib/db/queries/analyses";
import { ANALYSED_CORRECTIONS, type FeedbackRow, insertFeedback } from "@/lib/db/queries/feedback";
import { getIssueIncident } from "@/lib/db/queries/incidents";
import { getIssueRow } from "@/lib/db/queries/issue-row";
import { enqueueAnalysis } from "@/lib/db/queries/jobs";
import { listSimilarIssues } from "@/lib/db/queries/similar-issues";
import { wakeWorkers } from "@/lib/jobs/wake";
import { correctIncident } from "./correct-incident";

export type Feedback = { kind: FeedbackKind; verdict: FeedbackVerdict; value: string | null };

export type FeedbackOutcome =
  | { ok: true; feedback: FeedbackRow }
  | { ok: false; reason: "not_found" | "conflict" | "bad_request"; message: string };

const REANALYSED_KINDS: ReadonlySet<FeedbackKind> = new Set(ANALYSED_CORRECTIONS);

// The stored matches read for the likely duplicate (it is always among the best).
const SIMILAR_READ = 10;

/** What Sift says now for this kind of verdict on the issue; null when it says nothing. */
async function siftSays(db: Database, issueId: string, kind: FeedbackKind): Promise<string | null> {
  switch (kind) {
    case "owner":
    case "category":
    case "priority": {
      const analysis = await getLatestAnalysis(db, issueId);
      if (kind === "owner") return analysis?.owner.owner ?? null;
      if (kind === "category") return analysis?.category?.category ?? null;
      return analysis?.priority?.tier ?? null;
    }
    case "duplicate_of": {
      const similar = await listSimilarIssues(db, issueId, SIMILAR_READ);
      return similar.items.find((s) => s.duplicate)?.issueId ?? null;
    }
    case "incident_root":
      return (await getIssueIncident(db, issueId))?.rootIssueId ?? null;
  }
}

/**
 * Stores a triager's confirmation or correction of one of Sift's verdicts on an issue, with who
 * and when, in one transaction. A confirmation needs a verdict to confirm; a duplicate must name
 * another stored issue; an incident root correction is the incident's set_root correction (the
 * root is pinned and the incident regrouped) recorded as feedback too. A correction of the owner,
 * category or priority queues the issue's analysis, which reads it (getVerdictCorrections); the
 * learned owner model learns owner corrections.
 */
export async function recordFeedback(
  db: Database,
  issueId: string,
  feedback: Feedback,
  actor: { sub: string; name: string | null },
): Promise<FeedbackOutcome> {
  const outcome = await db.transaction(async (tx): Promise<FeedbackOutcome> => {
    if (!(await getIssueRow(tx, issueId))) {
      return { ok: false, reason: "not_found", message: `Issue ${issueId} not found.` };
    }
    const said = await siftSays(tx, issueId, feedback.kind);
    if (feedback.verdict === "confirm" && said === null) {
      return {
        ok: false,
        reason: "conflict",
        message: `Sift has no ${feedback.kind} verdict on this issue to confirm.`,
      };
    }
    if (feedback.kind === "duplicate_of" && feedback.value !== null) {
      if (feedback.value === issueId) {
        return { ok: false, reason: "bad_request", message: "An issue is not a duplicate of itself." };
      }
      if (!(await getIssueRow(tx, feedback.value))) {
        return { ok: false, reason: "not_found", message: `Issue ${feedback.value} not found.` };
      }
    }
    if (feedback.kind === "incident_root") {
      const incident = await getIssueIncident(tx, issueId);
      if (!incident) return { ok: false, reason: "conflict", message: "This issue is in no incident." };
      if (feedback.value !== null) {
        const outcome = await correctIncident(
          tx,
          incident.id,
          { action: "set_root", issueId: feedback.value },
          actor,
        );
        if (!outcome.ok) return outcome;
      }
    }
    const row = await insertFeedback(tx, {
      issueId,
      kind: feedback.kind,
      verdict: feedback.verdict,
      value: feedback.value,
      siftSaid: said,
      actor: actor.sub,
      actorName: actor.name,
    });
    // The analysis takes the correction in at once, so the list, the summary and the write-back
    // follow it (a correction of an owner, category or tier; the root is regrouped above).
    if (feedback.verdict === "correct" && REANALYSED_KINDS.has(feedback.kind)) {
      await enqueueAnalysis(tx, issueId, { minIntervalSeconds: 0 });
    }
    return { ok: true, feedback: row };
  });
  // A correction may have queued the issue's analysis: an idle worker starts it now.
  if (outcome.ok) wakeWorkers();
  return outcome;
}
