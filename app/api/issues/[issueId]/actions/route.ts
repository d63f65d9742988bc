import { issueActionBody } from "@/lib/contracts/issue-actions";
import { issueParams } from "@/lib/contracts/issues";
import { getDb } from "@/lib/db/client";
import { listIssueActions } from "@/lib/db/queries/issue-actions";
import { whyActionsAreOff } from "@/lib/enrichment/action-gate";
import { requestIssueActions } from "@/lib/enrichment/request-issue-actions";
import { actionGateFromEnv } from "@/lib/http/action-gate-from-env";
import { ApiError } from "@/lib/http/api-error";
import { toIssueActionItem } from "@/lib/http/issue-action-bodies";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

const RECENT_ACTIONS = 10;

// GET /api/issues/{issueId}/actions – whether actions can reach Sentry, and the newest ones with their state
export const GET = withAuth(
  async ({ params }) => {
    const db = await getDb();
    const reason = await whyActionsAreOff(db, params.issueId, actionGateFromEnv());
    if (reason === undefined) throw new ApiError("not_found", `Issue ${params.issueId} not found.`);
    const actions = await listIssueActions(db, params.issueId, RECENT_ACTIONS);
    return Response.json({
      availability: { enabled: reason === null, reason },
      actions: actions.map(toIssueActionItem),
    });
  },
  { role: "viewer", params: issueParams },
);

// POST /api/issues/{issueId}/actions – assign to a team, resolve, archive or unresolve in Sentry; pending until written
export const POST = withAuth(
  async ({ req, params, principal }) => {
    const request = await readJsonBody(req, issueActionBody);
    const db = await getDb();
    const reason = await whyActionsAreOff(db, params.issueId, actionGateFromEnv());
    if (reason === undefined) throw new ApiError("not_found", `Issue ${params.issueId} not found.`);
    if (reason) throw new ApiError("conflict", reason);
    const outcome = await requestIssueActions(db, { issueIds: [params.issueId], request, actor: principal });
    if (!outcome.ok) throw new ApiError(outcome.reason, outcome.message);
    return Response.json({ actions: outcome.actions.map(toIssueActionItem) }, { status: 202 });
  },
  { role: "triager", params: issueParams },
);
