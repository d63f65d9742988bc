import Link from "next/link";
import { CATEGORY_LABELS } from "@/app/_components/category-badge";
import { OwnerBadge } from "@/app/_components/owner-badge";
import { RelativeTime } from "@/app/_components/relative-time";
import { ERROR_CATEGORIES } from "@/lib/analysis/types";
import type { FeedbackItem } from "@/lib/contracts/feedback";
import type { Analysis, AnalysisJob, IssueDetailResponse } from "@/lib/contracts/issues";
import { useKnownOwners } from "@/lib/query/feedback";
import { BlastRadius } from "./blast-radius";
import { InAppFrames } from "./in-app-frames";
import { SectionCard } from "./section-card";
import { SummaryEvidence } from "./summary-evidence";
import { correctedValue, FeedbackControls, FeedbackNote } from "./verdict-feedback";

// Failed for good, or failed at least once and waiting for its retry. A rate-limit wait spends no
// attempt, so it still reads as "analysing".
function inTrouble(job: AnalysisJob | null): job is AnalysisJob {
  return job !== null && (job.status === "failed" || (job.attempts > 0 && job.lastError !== null));
}

/** What on-call needs first: what broke, who owns it, how many people it hurts, where in our code. */
export function AnalysisCard({
  issueId,
  analysis,
  job,
  sentryTotals,
  feedback = [],
  ownerBacking = [],
}: {
  issueId: string;
  analysis: Analysis | null;
  job: AnalysisJob | null;
  sentryTotals?: { events: number | null; users: number | null };
  /** The past issues the owner's backedBy names, with their short ids and titles. */
  ownerBacking?: IssueDetailResponse["ownerBacking"];
  /** Triagers' newest feedback per kind. */
  feedback?: FeedbackItem[];
}) {
  const latest = (kind: FeedbackItem["kind"]) => feedback.find((f) => f.kind === kind);
  if (!analysis) {
    return (
      <SectionCard title="Analysis">
        {inTrouble(job) ? <AnalysisTrouble job={job} /> : <AnalysisPending />}
      </SectionCard>
    );
  }

  return (
    <SectionCard
      title="Analysis"
      aside={
        <span className="text-xs text-zinc-500">
          {job && job.status !== "failed" ? (
            <span data-testid="reanalysing" className="mr-2 text-zinc-700">
              updating with new events…
            </span>
          ) : null}
          analysed <RelativeTime value={analysis.createdAt} /> · v{analysis.analyserVersion}
        </span>
      }
    >
      {inTrouble(job) ? (
        <div className="mb-4">
          <AnalysisTrouble job={job} stale />
        </div>
      ) : null}
      <p data-testid="analysis-summary" className="text-sm leading-relaxed text-zinc-800">
        {analysis.summary}
      </p>
      <SummaryEvidence facts={analysis.summaryFacts} />
      <div className="mt-5 grid gap-6 md:grid-cols-[minmax(0,14rem)_minmax(0,1fr)]">
        <div className="space-y-5">
          <Owner issueId={issueId} owner={analysis.owner} backing={ownerBacking} latest={latest("owner")} />
          <Category issueId={issueId} category={analysis.category} latest={latest("category")} />
        </div>
        <BlastRadius blastRadius={analysis.blastRadius} sentryTotals={sentryTotals} />
      </div>
      <InAppFrames frames={analysis.inAppFrames} />
    </SectionCard>
  );
}

function Owner({
  issueId,
  owner,
  backing,
  latest,
}: {
  issueId: string;
  owner: Analysis["owner"];
  backing: IssueDetailResponse["ownerBacking"];
  latest: FeedbackItem | undefined;
}) {
  const known = useKnownOwners();
  const shown = correctedValue(latest) ?? owner.owner;
  return (
    <section data-testid="owner" aria-labelledby="owner-heading" className="space-y-1.5">
      <h3 id="owner-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
        Owner
      </h3>
      <span data-testid="owner-value" data-source={owner.source}>
        <OwnerBadge owner={shown} />
      </span>
      <OwnerReason owner={owner} backing={backing} />
      <FeedbackNote latest={latest} />
      <FeedbackControls
        issueId={issueId}
        kind="owner"
        picker={{ type: "text", placeholder: "#team or email", suggestions: known.data?.owners }}
      />
    </section>
  );
}

function OwnerReason({
  owner,
  backing: refs,
}: {
  owner: Analysis["owner"];
  backing: IssueDetailResponse["ownerBacking"];
}) {
  const backedBy = owner.backedBy ?? [];
  const refOf = new Map(refs.map((ref) => [ref.issueId, ref]));
  const backing =
    backedBy.length > 0 ? (
      <span data-testid="owner-backed-by">
        {backedBy.map((id, index) => {
          const ref = refOf.get(id);
          return (
            <span key={id}>
              {index > 0 ? ", " : ""}
              <Link href={`/issues/${id}`} className="underline" title={ref?.title}>
                {ref?.shortId ?? id}
              </Link>
            </span>
          );
        })}
      </span>
    ) : null;
  if (owner.source === "correction") {
    return <p className="text-xs text-zinc-500">set by {owner.correctedBy ?? "a triager"}</p>;
  }
  const minority = owner.minority ? (
    <span data-testid="owner-minority">
      rule <code className="font-mono break-all text-zinc-700">{owner.minority.rule}</code> matched only{" "}
      {owner.minority.share.matched} of {owner.minority.share.of} events, too few to name the owner
    </span>
  ) : null;
  if (owner.source === "learned") {
    return (
      <p className="text-xs text-zinc-500">
        learned: {minority ?? "no rule matched"}; past issues {backing} had this owner
      </p>
    );
  }
  if (owner.source === "ownership_rule" && owner.rule) {
    return (
      <p className="text-xs text-zinc-500">
        matched rule <code className="font-mono break-all text-zinc-700">{owner.rule}</code>
        {owner.share ? (
          <span data-testid="owner-share">
            {" "}
            (matched {owner.share.matched} of {owner.share.of} event{owner.share.of === 1 ? "" : "s"})
          </span>
        ) : null}
        {backing ? <> · tie broken by past issues {backing}</> : null}
      </p>
    );
  }
  return <p className="text-xs text-zinc-500">fallback: {minority ?? "no ownership rule matched"}</p>;
}

function Category({
  issueId,
  category,
  latest,
}: {
  issueId: string;
  category: Analysis["category"];
  latest: FeedbackItem | undefined;
}) {
  const corrected = correctedValue(latest) as keyof typeof CATEGORY_LABELS | null;
  const shown = corrected ?? category?.category ?? null;
  return (
    <section data-testid="category" aria-labelledby="category-heading" className="space-y-1.5">
      <h3 id="category-heading" className="text-xs font-medium tracking-wide text-zinc-500 uppercase">
        Category
      </h3>
      {category && shown ? (
        <>
          <p
            data-testid="category-verdict"
            data-category={shown}
            className="text-sm font-medium text-zinc-900"
          >
            {CATEGORY_LABELS[shown] ?? shown}
          </p>
          <p data-testid="category-reason" className="text-xs break-words text-zinc-500">
            {category.correctedBy || category.category === "other"
              ? category.reason
              : `because of ${category.reason}`}
          </p>
          <FeedbackNote
            latest={latest}
            label={(v) => CATEGORY_LABELS[v as keyof typeof CATEGORY_LABELS] ?? v}
          />
          <FeedbackControls
            issueId={issueId}
            kind="category"
            picker={{
              type: "select",
              options: ERROR_CATEGORIES.map((c) => ({ value: c, label: CATEGORY_LABELS[c] })),
            }}
          />
        </>
      ) : (
        <p className="text-xs text-zinc-500">not categorised: this analysis predates categories</p>
      )}
    </section>
  );
}

function AnalysisPending() {
  return (
    <div role="status" className="flex items-center gap-3 text-sm text-zinc-600">
      <span
        aria-hidden
        className="size-3 animate-spin rounded-full border-2 border-zinc-300 border-t-zinc-700"
      />
      <span>
        <span className="font-medium text-zinc-800">Analysing…</span> summary, owner and blast radius usually
        arrive within a few seconds.
      </span>
    </div>
  );
}

/** An analysis that errored: say so, with the reason, instead of a spinner that never stops. */
function AnalysisTrouble({ job, stale = false }: { job: AnalysisJob; stale?: boolean }) {
  const failed = job.status === "failed";
  return (
    <div
      role="alert"
      data-testid="analysis-trouble"
      className={`rounded-md border px-3 py-2 text-sm ${failed ? "border-red-200 bg-red-50 text-red-900" : "border-amber-200 bg-amber-50 text-amber-900"}`}
    >
      <p className="font-medium">
        {failed
          ? `Analysis failed after ${job.attempts} attempts${stale ? "; what follows is the previous analysis" : ""}.`
          : "An analysis attempt failed; it is retried automatically within minutes."}
      </p>
      {job.lastError ? <p className="mt-1 font-mono text-xs break-all">{job.lastError}</p> : null}
      {failed ? (
        <p className="mt-1 text-xs">
          New events for this issue queue a fresh attempt; operators find the error in the worker log.
        </p>
      ) : null}
    </div>
  );
}
