import type { ReactNode } from "react";
import { LevelBadge } from "@/app/_components/level-badge";
import { RelativeTime } from "@/app/_components/relative-time";
import { safeHref } from "@/app/_components/safe-href";
import { StatusBadge } from "@/app/_components/status-badge";
import type { IssueDetailResponse } from "@/lib/contracts/issues";

export function IssueHeader({ issue }: { issue: IssueDetailResponse["issue"] }) {
  // Checked at ingest (lib/sentry/payload-links.ts); checked again here for rows stored before that.
  const permalink = safeHref(issue.permalink);
  return (
    <header className="flex flex-wrap items-start justify-between gap-4">
      <div className="min-w-0 space-y-1.5">
        <div className="flex flex-wrap items-center gap-2">
          <LevelBadge level={issue.level} />
          {issue.shortId && <span className="font-mono text-xs text-zinc-500">{issue.shortId}</span>}
          <StatusBadge status={issue.status} />
          {issue.substatus && (
            <span data-testid="substatus" className="text-xs text-zinc-500">
              {issue.substatus.replaceAll("_", " ")}
            </span>
          )}
        </div>
        <h1 className="text-xl font-semibold break-words text-zinc-900">{issue.title}</h1>
        {issue.culprit && <p className="font-mono text-xs break-all text-zinc-500">{issue.culprit}</p>}
        <dl className="flex flex-wrap gap-x-5 gap-y-1 text-xs text-zinc-600">
          <Fact label="Assignee">
            {issue.assignee ? (
              <span data-testid="assignee">
                {issue.assignee.type === "team" ? "#" : ""}
                {issue.assignee.name ?? issue.assignee.id}
              </span>
            ) : (
              <span className="font-normal text-zinc-500 italic">unassigned in Sentry</span>
            )}
          </Fact>
          <Fact label="Project">{issue.project.slug ?? issue.project.name ?? issue.project.id}</Fact>
          {issue.platform && <Fact label="Platform">{issue.platform}</Fact>}
          <Fact label="First seen">
            <RelativeTime value={issue.firstSeen} />
          </Fact>
          <Fact label="Last seen">
            <RelativeTime value={issue.lastSeen} />
          </Fact>
        </dl>
      </div>
      {permalink && (
        <a
          href={permalink}
          target="_blank"
          rel="noreferrer"
          className="shrink-0 rounded-md border border-zinc-300 bg-white px-3 py-1.5 text-sm font-medium text-zinc-800 hover:bg-zinc-50"
        >
          Open in Sentry ↗
        </a>
      )}
    </header>
  );
}

function Fact({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="flex gap-1">
      <dt className="text-zinc-500">{label}</dt>
      <dd className="font-medium text-zinc-700">{children}</dd>
    </div>
  );
}
