import Link from "next/link";
import { ReleaseLink } from "@/app/_components/page-links";
import { RelativeTime } from "@/app/_components/relative-time";
import { StatusBadge } from "@/app/_components/status-badge";
import type { IssueDetailResponse, SimilarIssue } from "@/lib/contracts/issues";
import { SectionCard } from "./section-card";

/** Issues in any project that looked like this one, how each was resolved, and why they match. */
export function SimilarIssuesCard({
  similar,
  indexedAt,
}: {
  similar: SimilarIssue[];
  indexedAt: IssueDetailResponse["similarIndexedAt"];
}) {
  return (
    <SectionCard
      title="Similar issues"
      aside={<span className="text-xs text-zinc-500">across all projects, by stack and message</span>}
    >
      {indexedAt === null ? (
        <p data-testid="similar-pending" className="text-sm text-zinc-500">
          Not yet analysed: similar issues are looked up after this issue's analysis.
        </p>
      ) : similar.length === 0 ? (
        <p data-testid="similar-empty" className="text-sm text-zinc-500">
          No similar issue seen before.
        </p>
      ) : (
        <ol aria-label="Similar issues" className="divide-y divide-zinc-100">
          {similar.map((issue) => (
            <SimilarIssueItem key={issue.issueId} issue={issue} />
          ))}
        </ol>
      )}
    </SectionCard>
  );
}

function SimilarIssueItem({ issue }: { issue: SimilarIssue }) {
  const { why, resolution } = issue;
  const reasons = [
    why.sharedFrames.length > 0 ? `shares ${why.sharedFrames.length === 1 ? "frame" : "frames"}` : null,
    why.exception ? "same exception" : null,
    why.messageWords.length > 0 ? `message words: ${why.messageWords.join(", ")}` : null,
  ].filter(Boolean);
  return (
    <li
      data-testid="similar-issue"
      data-issue-id={issue.issueId}
      className="space-y-1 py-2 first:pt-0 last:pb-0"
    >
      <div className="flex min-w-0 flex-wrap items-baseline gap-x-2">
        <Link
          href={`/issues/${issue.issueId}`}
          className="min-w-0 truncate text-sm font-medium text-zinc-900 hover:underline"
        >
          {issue.title}
        </Link>
        <StatusBadge status={resolution.status} />
        <span className="ml-auto text-xs text-zinc-500">
          project {issue.projectSlug ?? issue.projectId} · score {Math.round(issue.score * 100)}%
        </span>
      </div>
      <p className="text-xs text-zinc-600">
        {reasons.join(" · ")}
        {why.sharedFrames.length > 0 && (
          <span className="block truncate font-mono text-zinc-500" title={why.sharedFrames.join("\n")}>
            {why.sharedFrames.join(" ← ")}
          </span>
        )}
      </p>
      {resolution.status === "resolved" && (
        <p data-testid="similar-resolution" className="text-xs text-emerald-800">
          Resolved
          {resolution.resolvedAt && (
            <>
              {" "}
              <RelativeTime value={resolution.resolvedAt} />
            </>
          )}
          {resolution.release && (
            <>
              {" "}
              in release <ReleaseLink release={resolution.release} />
            </>
          )}
        </p>
      )}
      {resolution.postmortem && (
        <p data-testid="similar-postmortem" className="text-xs text-zinc-600">
          Post-mortem:{" "}
          <Link
            href={`/postmortems/${resolution.postmortem.id}`}
            className="text-sky-700 underline hover:text-sky-900"
          >
            {resolution.postmortem.title}
          </Link>
        </p>
      )}
      {resolution.note && (
        <blockquote
          data-testid="similar-note"
          className="border-l-2 border-zinc-200 pl-2 text-xs text-zinc-700"
        >
          {resolution.note}
        </blockquote>
      )}
    </li>
  );
}
