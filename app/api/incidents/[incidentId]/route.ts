import { incidentParams } from "@/lib/contracts/incidents";
import { getDb } from "@/lib/db/client";
import { getIncidentDetail } from "@/lib/db/queries/incident-detail";
import { ApiError } from "@/lib/http/api-error";
import { toIncidentDetailBody } from "@/lib/http/incident-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/incidents/{incidentId} – root, symptoms with link evidence, combined blast radius, timeline
export const GET = withAuth(
  async ({ params }) => {
    const detail = await getIncidentDetail(await getDb(), Number(params.incidentId));
    if (!detail) throw new ApiError("not_found", `Incident ${params.incidentId} not found.`);
    return Response.json(toIncidentDetailBody(detail));
  },
  { role: "viewer", params: incidentParams },
);
