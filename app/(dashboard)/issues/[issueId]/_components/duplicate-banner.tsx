import Link from "next/link";
import type { FeedbackItem } from "@/lib/contracts/feedback";
import type { IssueDetailResponse, SimilarIssue } from "@/lib/contracts/issues";
import { FeedbackControls, FeedbackNote } from "./verdict-feedback";

/** Says this open issue is very probably another open issue's bug, with the evidence. */
export function DuplicateBanner({
  issueId,
  duplicateOf,
  similar,
  latest,
}: {
  issueId: string;
  duplicateOf: IssueDetailResponse["likelyDuplicateOf"];
  similar: SimilarIssue[];
  latest?: FeedbackItem;
}) {
  if (!duplicateOf) {
    return latest?.verdict === "correct" && latest.value ? (
      <section
        aria-label="Duplicate"
        className="rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm"
      >
        <p>
          <span className="font-semibold">Duplicate of</span>{" "}
          <Link className="font-medium underline" href={`/issues/${latest.value}`}>
            issue {latest.value}
          </Link>
        </p>
        <FeedbackNote latest={latest} />
      </section>
    ) : null;
  }
  const why = similar.find((s) => s.issueId === duplicateOf.issueId)?.why;
  return (
    <section
      aria-label="Likely duplicate"
      data-testid="issue-duplicate"
      className="rounded-lg border border-violet-200 bg-violet-50 px-4 py-3 text-sm text-violet-900"
    >
      <p>
        <span className="font-semibold">Likely duplicate of</span>{" "}
        <Link className="font-medium underline" href={`/issues/${duplicateOf.issueId}`}>
          {duplicateOf.title}
        </Link>{" "}
        (score {Math.round(duplicateOf.score * 100)}%, both open).
      </p>
      {why && (
        <p className="mt-1 text-xs">
          {why.exception ? "Same exception" : "Another exception"}
          {why.sharedFrames.length > 0 && (
            <>
              , same frames <span className="font-mono">{why.sharedFrames.join(" ← ")}</span>
            </>
          )}
          {why.messageWords.length > 0 && <>, message words {why.messageWords.join(", ")}</>}.
        </p>
      )}
      <FeedbackNote latest={latest} />
      <FeedbackControls
        issueId={issueId}
        kind="duplicate_of"
        picker={{ type: "text", placeholder: "issue id" }}
      />
    </section>
  );
}
