import { issueListQuery } from "@/lib/contracts/issues";
import { getDb } from "@/lib/db/client";
import { listIssues } from "@/lib/db/queries/issues";
import { ApiError } from "@/lib/http/api-error";
import { toIssueListBody } from "@/lib/http/issue-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/issues – one page of issues, filtered and sorted as the query says
export const GET = withAuth(
  async ({ query }) => {
    const page = await listIssues(await getDb(), query);
    if ("badCursor" in page)
      throw new ApiError("bad_request", "Invalid cursor: use nextCursor from a previous page.");
    return Response.json(toIssueListBody(page));
  },
  { role: "viewer", query: issueListQuery },
);
