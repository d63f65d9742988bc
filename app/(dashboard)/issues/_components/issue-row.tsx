import Link from "next/link";
import { CategoryBadge } from "@/app/_components/category-badge";
import { Count } from "@/app/_components/count";
import { LevelDot } from "@/app/_components/level-badge";
import { OwnerBadge } from "@/app/_components/owner-badge";
import { PriorityBadge } from "@/app/_components/priority-badge";
import { RelativeTime } from "@/app/_components/relative-time";
import { StatusBadge } from "@/app/_components/status-badge";
import type { IssueListItem } from "@/lib/contracts/issues";

const cell = "px-2 py-2 align-top";
const numeric = `${cell} text-right text-zinc-700`;

/** One issue: identity and triage facts on the left, counts and recency on the right. */
export function IssueRow({ issue }: { issue: IssueListItem }) {
  return (
    <tr
      data-testid="issue-row"
      data-issue-id={issue.id}
      className="border-t border-zinc-100 hover:bg-zinc-50"
    >
      <td className={`${cell} pt-3`}>
        <LevelDot level={issue.level} />
      </td>
      <td className={cell}>
        <PriorityBadge tier={issue.priority} />
      </td>
      <td className={`${cell} min-w-0`}>
        <div className="flex min-w-0 items-baseline gap-2">
          {issue.shortId && <span className="shrink-0 font-mono text-xs text-zinc-500">{issue.shortId}</span>}
          <Link
            href={`/issues/${issue.id}`}
            title={issue.title}
            className="truncate font-medium text-zinc-900 hover:underline focus-visible:underline focus-visible:outline-none"
          >
            {issue.title}
          </Link>
          {issue.category && issue.category !== "other" ? <CategoryBadge category={issue.category} /> : null}
          {issue.likelyDuplicateOfId && (
            <Link
              href={`/issues/${issue.likelyDuplicateOfId}`}
              data-testid="issue-duplicate-marker"
              title={`Likely duplicate of issue ${issue.likelyDuplicateOfId}`}
              className="shrink-0 rounded-md border border-violet-200 bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-800 hover:underline"
            >
              duplicate?
            </Link>
          )}
        </div>
        {issue.culprit && (
          <p className="truncate font-mono text-xs text-zinc-400" title={issue.culprit}>
            {issue.culprit}
          </p>
        )}
        <IssueSummary summary={issue.summary} />
      </td>
      <td className={`${cell} truncate text-zinc-700`} title={issue.project.name ?? undefined}>
        {issue.project.slug ?? issue.project.id}
      </td>
      <td className={cell}>
        <OwnerBadge owner={issue.owner} />
      </td>
      <td className={numeric} data-testid="issue-users" data-value={issue.userCount}>
        <Count value={issue.userCount} />
      </td>
      <td className={numeric}>
        <Count value={issue.tenantCount} />
      </td>
      <td className={numeric}>
        <Count value={issue.eventCount} />
      </td>
      <td className={`${cell} whitespace-nowrap text-zinc-600`}>
        <RelativeTime value={issue.lastSeen} />
      </td>
      <td className={cell}>
        <StatusBadge status={issue.status} />
      </td>
    </tr>
  );
}

function IssueSummary({ summary }: { summary: string | null }) {
  // Analysis runs after ingest, so a fresh issue legitimately has no summary for a few seconds.
  if (summary === null) {
    return (
      <p data-testid="issue-summary" className="mt-0.5 text-xs text-zinc-400 italic">
        not analysed yet
      </p>
    );
  }
  return (
    <p data-testid="issue-summary" className="mt-0.5 truncate text-xs text-zinc-600" title={summary}>
      {summary}
    </p>
  );
}
