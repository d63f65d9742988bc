import { jobParams } from "@/lib/contracts/admin";
import { getDb } from "@/lib/db/client";
import { requeueJob } from "@/lib/db/queries/jobs";
import { toJobItem } from "@/lib/http/admin-bodies";
import { ApiError } from "@/lib/http/api-error";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// POST /api/admin/jobs/{jobId}/requeue – a failed job gets fresh attempts and is due now (workers poll for it)
export const POST = withAuth(
  async ({ params, principal }) => {
    const result = await requeueJob(await getDb(), params.jobId, principal);
    if (result.outcome === "not_found") throw new ApiError("not_found", `Job ${params.jobId} not found.`);
    if (result.outcome !== "requeued") {
      throw new ApiError("conflict", `Job ${params.jobId} has not failed; only failed jobs are requeued.`);
    }
    return Response.json(toJobItem(result.job));
  },
  { role: "admin", params: jobParams },
);
