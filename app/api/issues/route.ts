import { issueListQuery } from "@/lib/contracts/issues";
import { getDb } from "@/lib/db/client";
import { listHourlyEventsByIssue, sparklineWindow } from "@/lib/db/queries/issue-hours";
import { listIssues } from "@/lib/db/queries/list-issues";
import { ApiError } from "@/lib/http/api-error";
import { toIssueListBody } from "@/lib/http/issue-bodies";
import { toIssueFilter } from "@/lib/http/issue-list-filter";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/issues – one page of issues, filtered and sorted as the query says, each with its
// events per hour over the last day (one query for the whole page)
export const GET = withAuth(
  async ({ query }) => {
    const db = await getDb();
    const now = new Date();
    const page = await listIssues(db, toIssueFilter(query, now));
    if ("badCursor" in page)
      throw new ApiError("bad_request", "Invalid cursor: use nextCursor from a previous page.");
    const lastDay = await listHourlyEventsByIssue(db, {
      issueIds: page.items.map((issue) => issue.id),
      ...sparklineWindow(now),
    });
    return Response.json(toIssueListBody(page, lastDay));
  },
  { role: "viewer", query: issueListQuery },
);
