import { type IssueListResponse, issueListQuery } from "@/lib/contracts/issues";
import { getDb } from "@/lib/db/client";
import { listIssues } from "@/lib/db/queries/issues";
import { ApiError } from "@/lib/http/api-error";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

export const GET = withAuth(
  async ({ query }) => {
    const page = await listIssues(await getDb(), query);
    if ("badCursor" in page)
      throw new ApiError("bad_request", "Invalid cursor: use nextCursor from a previous page.");
    return Response.json(page satisfies IssueListResponse);
  },
  { query: issueListQuery },
);
