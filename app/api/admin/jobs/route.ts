import { jobListQuery } from "@/lib/contracts/admin";
import { getDb } from "@/lib/db/client";
import { listJobs } from "@/lib/db/queries/jobs";
import { toJobItem } from "@/lib/http/admin-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/admin/jobs?status=failed – jobs of every kind in one status, newest first, with their last error
export const GET = withAuth(
  async ({ query }) => {
    const rows = await listJobs(await getDb(), query);
    return Response.json({ items: rows.map(toJobItem) });
  },
  { role: "admin", query: jobListQuery },
);
