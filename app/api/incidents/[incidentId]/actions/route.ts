import { incidentParams } from "@/lib/contracts/incidents";
import { issueActionBody } from "@/lib/contracts/issue-actions";
import { getDb } from "@/lib/db/client";
import { listIncidentMemberIds } from "@/lib/db/queries/incidents";
import { listLatestIssueActions } from "@/lib/db/queries/issue-actions";
import { firstIssueActionsAreOff } from "@/lib/enrichment/action-gate";
import { requestIssueActions } from "@/lib/enrichment/request-issue-actions";
import { actionGateFromEnv } from "@/lib/http/action-gate-from-env";
import { ApiError } from "@/lib/http/api-error";
import { toIssueActionItem } from "@/lib/http/issue-action-bodies";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

async function membersOrThrow(incidentId: string): Promise<string[]> {
  const members = await listIncidentMemberIds(await getDb(), Number(incidentId));
  if (members.length === 0)
    throw new ApiError("not_found", `Incident ${incidentId} not found or has no issues.`);
  return members;
}

// GET /api/incidents/{incidentId}/actions – whether actions can reach Sentry, and each issue's newest ones
export const GET = withAuth(
  async ({ params }) => {
    const members = await membersOrThrow(params.incidentId);
    const db = await getDb();
    const off = await firstIssueActionsAreOff(db, members, actionGateFromEnv());
    const actions = await listLatestIssueActions(db, members);
    return Response.json({
      availability: { enabled: off === null, reason: off?.reason ?? null },
      actions: actions.map(toIssueActionItem),
    });
  },
  { role: "viewer", params: incidentParams },
);

// POST /api/incidents/{incidentId}/actions – the same action on every issue of the incident, one write-back job per issue
export const POST = withAuth(
  async ({ req, params, principal }) => {
    const request = await readJsonBody(req, issueActionBody);
    const members = await membersOrThrow(params.incidentId);
    const db = await getDb();
    const off = await firstIssueActionsAreOff(db, members, actionGateFromEnv());
    if (off) throw new ApiError("conflict", `Issue ${off.issueId}: ${off.reason}`);
    const outcome = await requestIssueActions(db, {
      issueIds: members,
      request,
      actor: principal,
      incidentId: Number(params.incidentId),
    });
    if (!outcome.ok) throw new ApiError(outcome.reason, outcome.message);
    return Response.json({ actions: outcome.actions.map(toIssueActionItem) }, { status: 202 });
  },
  { role: "triager", params: incidentParams },
);
