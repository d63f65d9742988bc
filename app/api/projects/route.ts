import { projectListResponse } from "@/lib/contracts/admin";
import { getDb } from "@/lib/db/client";
import { listProjects } from "@/lib/db/queries/projects";
import { env } from "@/lib/env";
import { toProjectItem } from "@/lib/http/admin-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/projects – every project with its write-back mode (the default, or an admin's override)
export const GET = withAuth(
  async () => {
    const rows = await listProjects(await getDb());
    const body = projectListResponse.parse({
      defaultWriteback: env.SIFT_WRITEBACK,
      items: rows.map((row) => toProjectItem(row, env.SIFT_WRITEBACK)),
    });
    return Response.json(body);
  },
  { role: "viewer" },
);
