import type { ReactNode } from "react";
import { ScrollRegion } from "@/app/_components/scroll-region";
import type { IssueListItem } from "@/lib/contracts/issues";
import { IssueCard } from "./issue-card";
import type { ProjectHref } from "./issue-facts";
import { IssueRow } from "./issue-row";
import { useFirstScreenFirst } from "./use-first-screen-first";

const columns: { label: string; width?: string; numeric?: boolean }[] = [
  { label: "Priority", width: "w-16" },
  { label: "Issue" },
  { label: "Last 24 h", width: "w-28" },
  { label: "Project", width: "w-28" },
  { label: "Owner", width: "w-32" },
  { label: "Users", width: "w-16", numeric: true },
  { label: "Tenants", width: "w-18", numeric: true },
  { label: "Events", width: "w-16", numeric: true },
  { label: "Last seen", width: "w-24" },
  { label: "Status", width: "w-24" },
];

/** Fixed layout so long titles truncate instead of pushing the count columns off screen. */
export function IssueTableFrame({ children }: { children: ReactNode }) {
  return (
    <ScrollRegion label="Issues table" className="rounded-lg border border-zinc-200 bg-white">
      <table className="w-full min-w-[60rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">Issues</caption>
        <colgroup>
          {columns.map((column) => (
            <col key={column.label} className={column.width} />
          ))}
        </colgroup>
        <thead className="bg-zinc-50 text-left text-xs font-semibold text-zinc-700">
          <tr>
            {columns.map((column) => (
              <th
                key={column.label}
                scope="col"
                className={`px-2 py-2 ${column.numeric ? "text-right" : ""}`}
              >
                {column.label}
              </th>
            ))}
          </tr>
        </thead>
        {children}
      </table>
    </ScrollRegion>
  );
}

type ListProps = { issues: IssueListItem[]; arrivals: ReadonlySet<string>; projectHref: ProjectHref };

export function IssueTable({ issues, arrivals, projectHref }: ListProps) {
  const shown = useFirstScreenFirst(issues);
  return (
    <IssueTableFrame>
      <tbody>
        {shown.map((issue) => (
          <IssueRow key={issue.id} issue={issue} arrived={arrivals.has(issue.id)} projectHref={projectHref} />
        ))}
      </tbody>
    </IssueTableFrame>
  );
}

/** The narrow-screen list: one card per issue instead of a table that scrolls sideways. */
export function IssueCards({ issues, arrivals, projectHref }: ListProps) {
  const shown = useFirstScreenFirst(issues);
  return (
    <ul aria-label="Issues" className="space-y-2">
      {shown.map((issue) => (
        <IssueCard key={issue.id} issue={issue} arrived={arrivals.has(issue.id)} projectHref={projectHref} />
      ))}
    </ul>
  );
}
