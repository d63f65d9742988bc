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

/** One issue on a narrow screen: everything the table row says, stacked, the title wrapped in full. */
export function IssueCard({
  issue,
  arrived,
  projectHref,
}: {
  issue: IssueListItem;
  arrived: boolean;
  projectHref: ProjectHref;
}) {
  return (
    <li
      data-testid="issue-row"
      data-issue-id={issue.id}
      data-arrived={arrived || undefined}
      className={`space-y-1.5 rounded-lg border border-zinc-200 p-3 focus-within:ring-2 focus-within:ring-sky-700 ${arrived ? "bg-sky-50" : "bg-white"}`}
    >
      <div className="flex items-center gap-2">
        <PriorityBadge tier={issue.priority} />
        <IssueTags issue={issue} arrived={arrived} />
      </div>
      <IssueTitleLink issue={issue} wrap />
      <Culprit culprit={issue.culprit} wrap />
      <IssueSummary summary={issue.summary} />
      <div className="flex flex-wrap items-center gap-x-3 gap-y-1 text-sm">
        <ProjectLink issue={issue} href={projectHref} />
        <OwnerBadge owner={issue.owner} />
        <StatusBadge status={issue.status} />
      </div>
      <div className="flex flex-wrap items-center justify-between gap-2">
        <p className="text-xs text-zinc-700">
          <span data-testid="issue-users" data-value={issue.userCount}>
            <Count value={issue.userCount} /> users
          </span>
          {" · "}
          <Count value={issue.tenantCount} /> tenants · <Count value={issue.eventCount} /> events
        </p>
        <Sparkline values={issue.lastDay} />
      </div>
      <div className="flex flex-wrap gap-x-3 text-xs text-zinc-600">
        <span>
          last seen <RelativeTime value={issue.lastSeen} />
        </span>
        <FirstSeen issue={issue} />
      </div>
    </li>
  );
}
