import { projectParams, projectSettingsBody } from "@/lib/contracts/admin";
import { getDb } from "@/lib/db/client";
import { setProjectWriteback } from "@/lib/db/queries/projects";
import { env } from "@/lib/env";
import { toProjectItem } from "@/lib/http/admin-bodies";
import { ApiError } from "@/lib/http/api-error";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// PUT /api/projects/{projectId}/settings – an admin sets (or clears, with null) the project's write-back mode
export const PUT = withAuth(
  async ({ req, principal, params }) => {
    const { writeback } = await readJsonBody(req, projectSettingsBody);
    const row = await setProjectWriteback(await getDb(), params.projectId, {
      mode: writeback,
      changedBy: principal.email ?? principal.name ?? principal.sub,
      actor: principal,
    });
    if (!row) throw new ApiError("not_found", `Project ${params.projectId} not found.`);
    return Response.json(toProjectItem(row, env.SIFT_WRITEBACK));
  },
  { role: "admin", params: projectParams },
);
