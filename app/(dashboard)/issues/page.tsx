import type { Metadata } from "next";
import { Suspense } from "react";
import { IssueList } from "./_components/issue-list";
import { IssueListSkeleton } from "./_components/issue-list-skeleton";

export const metadata: Metadata = { title: "Issues · Sift" };

// Data is fetched in the browser (the access token lives there); the server only ships the shell.
// Suspense is required because IssueList reads the filters from useSearchParams.
export default function IssuesPage() {
  return (
    <Suspense fallback={<IssueListSkeleton />}>
      <IssueList />
    </Suspense>
  );
}
