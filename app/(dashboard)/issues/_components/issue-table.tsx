import type { ReactNode } from "react";
import type { IssueListItem } from "@/lib/contracts/issues";
import { IssueRow } from "./issue-row";

/** Fixed layout so long titles truncate instead of pushing the count columns off screen. */
export function IssueTableFrame({ children }: { children: ReactNode }) {
  return (
    <div className="overflow-x-auto rounded-lg border border-zinc-200 bg-white">
      <table className="w-full min-w-[59rem] table-fixed border-collapse text-sm">
        <caption className="sr-only">Issues</caption>
        <colgroup>
          <col className="w-8" />
          <col className="w-12" />
          <col />
          <col className="w-32" />
          <col className="w-36" />
          <col className="w-16" />
          <col className="w-16" />
          <col className="w-20" />
          <col className="w-24" />
          <col className="w-28" />
        </colgroup>
        <thead className="bg-zinc-50 text-left text-xs font-medium text-zinc-500">
          <tr>
            <th scope="col" className="px-2 py-2">
              <span className="sr-only">Level</span>
            </th>
            <th scope="col" className="px-2 py-2">
              Priority
            </th>
            <th scope="col" className="px-2 py-2">
              Issue
            </th>
            <th scope="col" className="px-2 py-2">
              Project
            </th>
            <th scope="col" className="px-2 py-2">
              Owner
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              Users
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              Tenants
            </th>
            <th scope="col" className="px-2 py-2 text-right">
              Events
            </th>
            <th scope="col" className="px-2 py-2">
              Last seen
            </th>
            <th scope="col" className="px-2 py-2">
              Status
            </th>
          </tr>
        </thead>
        {children}
      </table>
    </div>
  );
}

export function IssueTable({ issues }: { issues: IssueListItem[] }) {
  return (
    <IssueTableFrame>
      <tbody>
        {issues.map((issue) => (
          <IssueRow key={issue.id} issue={issue} />
        ))}
      </tbody>
    </IssueTableFrame>
  );
}
