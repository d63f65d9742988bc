import { postmortemParams } from "@/lib/contracts/postmortems";
import { getDb } from "@/lib/db/client";
import { getPostmortem } from "@/lib/db/queries/postmortems";
import { ApiError } from "@/lib/http/api-error";
import { toPostmortemDetail } from "@/lib/http/postmortem-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/postmortems/{postmortemId} – one post-mortem with its markdown, for anyone signed in to read
export const GET = withAuth(
  async ({ params }) => {
    const row = await getPostmortem(await getDb(), params.postmortemId);
    if (!row) throw new ApiError("not_found", `Post-mortem ${params.postmortemId} not found.`);
    return Response.json(toPostmortemDetail(row));
  },
  { role: "viewer", params: postmortemParams },
);
