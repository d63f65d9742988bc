import { issueParams } from "@/lib/contracts/issues";
import { getDb } from "@/lib/db/client";
import { getIssueDetail } from "@/lib/db/queries/issue-detail";
import { ApiError } from "@/lib/http/api-error";
import { toIssueDetailBody } from "@/lib/http/issue-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/issues/{issueId} – one issue with its analysis, analysis job and recent events
export const GET = withAuth(
  async ({ params }) => {
    const detail = await getIssueDetail(await getDb(), params.issueId);
    if (!detail) throw new ApiError("not_found", `Issue ${params.issueId} not found.`);
    return Response.json(toIssueDetailBody(detail));
  },
  { role: "viewer", params: issueParams },
);
