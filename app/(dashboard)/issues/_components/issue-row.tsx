import { Count } from "@/app/_components/count";
import { OwnerBadge } from "@/app/_components/owner-badge";
import { PriorityBadge } from "@/app/_components/priority-badge";
import { RelativeTime } from "@/app/_components/relative-time";
import { Sparkline } from "@/app/_components/sparkline";
import { StatusBadge } from "@/app/_components/status-badge";
import type { IssueListItem } from "@/lib/contracts/issues";
import {
  Culprit,
  FirstSeen,
  IssueSummary,
  IssueTags,
  IssueTitleLink,
  type ProjectHref,
  ProjectLink,
} from "./issue-facts";

const cell = "px-2 py-2 align-top";
const numeric = `${cell} text-right text-zinc-800`;

/** One issue in the wide table: identity and triage facts on the left, trend, counts and recency on the right. */
export function IssueRow({
  issue,
  arrived,
  projectHref,
}: {
  issue: IssueListItem;
  arrived: boolean;
  projectHref: ProjectHref;
}) {
  return (
    <tr
      data-testid="issue-row"
      data-issue-id={issue.id}
      data-arrived={arrived || undefined}
      className={`border-t border-zinc-100 hover:bg-zinc-50 focus-within:bg-sky-50 ${arrived ? "bg-sky-50/60" : ""}`}
    >
      <td className={cell}>
        <PriorityBadge tier={issue.priority} />
      </td>
      <td className={`${cell} min-w-0 space-y-0.5`}>
        <IssueTags issue={issue} arrived={arrived} />
        <div className="flex min-w-0">
          <IssueTitleLink issue={issue} />
        </div>
        <Culprit culprit={issue.culprit} />
        <IssueSummary summary={issue.summary} />
        <FirstSeen issue={issue} />
      </td>
      <td className={cell}>
        <Sparkline values={issue.lastDay} />
      </td>
      <td className={`${cell} truncate`}>
        <ProjectLink issue={issue} href={projectHref} />
      </td>
      <td className={cell}>
        <OwnerBadge owner={issue.owner} />
      </td>
      <td className={numeric} data-testid="issue-users" data-value={issue.userCount}>
        <Count value={issue.userCount} />
      </td>
      <td className={numeric} data-testid="issue-tenants" data-value={issue.tenantCount}>
        <Count value={issue.tenantCount} />
      </td>
      <td className={numeric} data-testid="issue-events" data-value={issue.eventCount}>
        <Count value={issue.eventCount} />
      </td>
      <td className={`${cell} whitespace-nowrap text-zinc-700`}>
        <RelativeTime value={issue.lastSeen} />
      </td>
      <td className={cell}>
        <StatusBadge status={issue.status} />
      </td>
    </tr>
  );
}
