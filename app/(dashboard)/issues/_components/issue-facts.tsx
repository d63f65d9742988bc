import Link from "next/link";
import { CategoryBadge } from "@/app/_components/category-badge";
import { FIRST_SCREEN_TIMING } from "@/app/_components/first-screen-shown";
import { LevelLabel } from "@/app/_components/level-badge";
import { LIST_LINK_PREFETCH, ReleaseLink } from "@/app/_components/page-links";
import { RelativeTime } from "@/app/_components/relative-time";
import { SubstatusBadge } from "@/app/_components/substatus-badge";
import type { IssueListItem } from "@/lib/contracts/issues";

/** Builds the list's URL with the project filter applied, keeping the other filters. */
export type ProjectHref = (project: string) => string;

/** The issue's title as the row's link: the element j/k moves focus to and Enter opens. */
export function IssueTitleLink({ issue, wrap }: { issue: IssueListItem; wrap?: boolean }) {
  return (
    <Link
      href={`/issues/${issue.id}`}
      prefetch={LIST_LINK_PREFETCH}
      title={issue.title}
      data-row-link
      // The browser reports when a title is on the screen; the rest of the list waits for it.
      {...{ elementtiming: FIRST_SCREEN_TIMING }}
      className={`font-medium text-zinc-900 hover:underline ${wrap ? "break-words" : "truncate"}`}
    >
      {issue.title}
    </Link>
  );
}

/** Level, short id, Sentry's substatus, category and "arrived" marker: what kind of issue at a glance. */
export function IssueTags({ issue, arrived }: { issue: IssueListItem; arrived: boolean }) {
  return (
    <div className="flex min-w-0 flex-wrap items-center gap-x-2 gap-y-1">
      <LevelLabel level={issue.level} />
      {issue.shortId && <span className="shrink-0 font-mono text-xs text-zinc-600">{issue.shortId}</span>}
      {arrived && (
        <span
          data-testid="arrival-marker"
          className="shrink-0 rounded bg-sky-700 px-1.5 py-px text-[11px] font-semibold text-white"
        >
          Just in
        </span>
      )}
      <SubstatusBadge substatus={issue.substatus} />
      {issue.category && issue.category !== "other" ? <CategoryBadge category={issue.category} /> : null}
      {issue.likelyDuplicateOfId && (
        <Link
          href={`/issues/${issue.likelyDuplicateOfId}`}
          prefetch={LIST_LINK_PREFETCH}
          data-testid="issue-duplicate-marker"
          title={`Likely duplicate of issue ${issue.likelyDuplicateOfId}`}
          className="shrink-0 rounded-md border border-violet-200 bg-violet-50 px-1.5 py-0.5 text-xs font-medium text-violet-800 hover:underline"
        >
          duplicate?
        </Link>
      )}
    </div>
  );
}

/** "first seen 3 d ago in checkout@3.1.0": the age, and the release it arrived with, never cut. */
export function FirstSeen({ issue }: { issue: IssueListItem }) {
  return (
    <p data-testid="issue-first-seen" className="text-xs text-zinc-600">
      first seen <RelativeTime value={issue.firstSeen} />
      {issue.firstRelease && (
        <>
          {" "}
          in{" "}
          <span data-testid="issue-first-release">
            <ReleaseLink release={issue.firstRelease} />
          </span>
        </>
      )}
    </p>
  );
}

export function Culprit({ culprit, wrap }: { culprit: string | null; wrap?: boolean }) {
  if (!culprit) return null;
  return (
    <p className={`font-mono text-xs text-zinc-600 ${wrap ? "break-all" : "truncate"}`} title={culprit}>
      {culprit}
    </p>
  );
}

export function IssueSummary({ summary }: { summary: string | null }) {
  // Analysis runs after ingest, so a fresh issue legitimately has no summary for a few seconds.
  if (summary === null) {
    return (
      <p data-testid="issue-summary" className="text-xs text-zinc-600 italic">
        not analysed yet
      </p>
    );
  }
  return (
    <p data-testid="issue-summary" className="truncate text-xs text-zinc-700" title={summary}>
      {summary}
    </p>
  );
}

/** The project as a link that narrows the list to it. */
export function ProjectLink({ issue, href }: { issue: IssueListItem; href: ProjectHref }) {
  const slug = issue.project.slug ?? issue.project.id;
  return (
    <Link
      href={href(slug)}
      prefetch={LIST_LINK_PREFETCH}
      data-testid="issue-project"
      title={`Only issues of ${issue.project.name ?? slug}`}
      className="inline-block max-w-full truncate text-zinc-800 underline decoration-zinc-300 underline-offset-2 hover:decoration-zinc-800"
    >
      {slug}
    </Link>
  );
}
