import { FEEDBACK_KINDS } from "@/lib/analysis/types";
import type { FeedbackItem, ModelsResponse, OfflineEvaluation } from "@/lib/contracts/feedback";
import type { FeedbackRow, FeedbackWeek } from "@/lib/db/queries/feedback";

const accuracy = (confirmed: number, corrected: number) =>
  confirmed + corrected === 0 ? null : confirmed / (confirmed + corrected);

export const toFeedbackItem = (row: FeedbackRow): FeedbackItem => ({
  kind: row.kind,
  verdict: row.verdict,
  value: row.value,
  siftSaid: row.siftSaid,
  by: row.actorName ?? row.actor,
  at: new Date(row.createdAt).toISOString(),
});

/**
 * Each model's accuracy from feedback: confirmed / (confirmed + corrected), overall and per week,
 * null where nobody judged it. Every model is listed, so one without feedback shows as such.
 */
export function toModelsBody(
  weeks: FeedbackWeek[],
  evaluation: OfflineEvaluation | null,
  since: Date,
): ModelsResponse {
  const models = FEEDBACK_KINDS.map((kind) => {
    const own = weeks.filter((w) => w.kind === kind);
    const confirmed = own.reduce((sum, w) => sum + w.confirmed, 0);
    const corrected = own.reduce((sum, w) => sum + w.corrected, 0);
    return {
      kind,
      confirmed,
      corrected,
      accuracy: accuracy(confirmed, corrected),
      weeks: own.map((w) => ({
        week: w.week.toISOString().slice(0, 10),
        confirmed: w.confirmed,
        corrected: w.corrected,
        accuracy: accuracy(w.confirmed, w.corrected),
      })),
    };
  });
  return { since: since.toISOString(), models, evaluation };
}
