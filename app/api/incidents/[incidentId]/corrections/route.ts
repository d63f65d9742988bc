import { incidentCorrectionBody, incidentParams } from "@/lib/contracts/incidents";
import { getDb } from "@/lib/db/client";
import { getIncidentDetail } from "@/lib/db/queries/incident-detail";
import { correctIncident } from "@/lib/enrichment/correct-incident";
import { ApiError } from "@/lib/http/api-error";
import { toIncidentDetailBody } from "@/lib/http/incident-bodies";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// POST /api/incidents/{incidentId}/corrections – merge, split or set the root; answers with the incident now holding them
export const POST = withAuth(
  async ({ req, params, principal }) => {
    const body = await readJsonBody(req, incidentCorrectionBody);
    const db = await getDb();
    const correction =
      body.action === "merge" ? { action: body.action, incidentId: Number(body.incidentId) } : body;
    const outcome = await correctIncident(db, Number(params.incidentId), correction, principal);
    if (!outcome.ok) throw new ApiError(outcome.reason, outcome.message);
    const detail = await getIncidentDetail(db, outcome.incidentId);
    if (!detail) throw new ApiError("not_found", `Incident ${outcome.incidentId} not found.`);
    return Response.json(toIncidentDetailBody(detail));
  },
  { role: "triager", params: incidentParams },
);
