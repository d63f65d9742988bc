import { auditListQuery } from "@/lib/contracts/audit";
import { getDb } from "@/lib/db/client";
import { listAuditLog } from "@/lib/db/queries/audit-log";
import { toAuditListBody } from "@/lib/http/audit-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/admin/audit?cursor&limit – writes made through Sift's API, newest first, one keyset page
export const GET = withAuth(
  async ({ query }) => {
    const rows = await listAuditLog(await getDb(), { limit: query.limit + 1, beforeId: query.cursor });
    return Response.json(toAuditListBody(rows, query.limit));
  },
  { role: "admin", query: auditListQuery },
);
