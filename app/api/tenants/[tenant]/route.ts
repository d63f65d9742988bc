import { tenantParams } from "@/lib/contracts/pages";
import { getDb } from "@/lib/db/client";
import { getTenantSummary } from "@/lib/db/queries/tenant-summary";
import { tenantTiersFromEnv } from "@/lib/env";
import { ApiError } from "@/lib/http/api-error";
import { toTenantBody } from "@/lib/http/page-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/tenants/[tenant] – one tenant: its tier, roles, recent events and users, and incidents;
// its issues are GET /api/issues?tenant=…
export const GET = withAuth(
  async ({ params }) => {
    const summary = await getTenantSummary(await getDb(), { tenantId: params.tenant, now: new Date() });
    if (!summary) throw new ApiError("not_found", "No stored event names this tenant.");
    return Response.json(toTenantBody(summary, tenantTiersFromEnv().get(params.tenant) ?? null));
  },
  { role: "viewer", params: tenantParams },
);
