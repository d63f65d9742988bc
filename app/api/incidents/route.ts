import { incidentListQuery } from "@/lib/contracts/incidents";
import { getDb } from "@/lib/db/client";
import { listIncidents } from "@/lib/db/queries/incidents";
import { ApiError } from "@/lib/http/api-error";
import { decodeIncidentCursor, toIncidentListBody } from "@/lib/http/incident-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/incidents – incidents by latest activity, one keyset page
export const GET = withAuth(
  async ({ query }) => {
    const cursor = query.cursor ? decodeIncidentCursor(query.cursor) : null;
    if (query.cursor && !cursor)
      throw new ApiError("bad_request", "Invalid cursor: use nextCursor from a previous page.");
    const rows = await listIncidents(await getDb(), { limit: query.limit, cursor, status: query.status });
    return Response.json(toIncidentListBody(rows, query.limit));
  },
  { role: "viewer", query: incidentListQuery },
);
