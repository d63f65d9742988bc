import { releaseParams } from "@/lib/contracts/pages";
import { getDb } from "@/lib/db/client";
import { getReleaseSummary } from "@/lib/db/queries/release-summary";
import { ApiError } from "@/lib/http/api-error";
import { toReleaseBody } from "@/lib/http/page-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/releases/[release] – counts of the issues new in a release and regressed in it; the
// lists are GET /api/issues?firstRelease=… and ?regressedIn=…
export const GET = withAuth(
  async ({ params }) => {
    const summary = await getReleaseSummary(await getDb(), params.release);
    if (!summary) throw new ApiError("not_found", "No stored event carries this release.");
    return Response.json(toReleaseBody(summary));
  },
  { role: "viewer", params: releaseParams },
);
