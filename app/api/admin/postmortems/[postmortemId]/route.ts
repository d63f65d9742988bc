import { postmortemParams } from "@/lib/contracts/postmortems";
import { getDb } from "@/lib/db/client";
import { deletePostmortem } from "@/lib/db/queries/postmortems";
import { ApiError } from "@/lib/http/api-error";
import { toPostmortemItem } from "@/lib/http/postmortem-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// DELETE /api/admin/postmortems/{postmortemId} – remove a post-mortem and its terms; audited
export const DELETE = withAuth(
  async ({ params, principal }) => {
    const row = await deletePostmortem(await getDb(), params.postmortemId, {
      sub: principal.sub,
      name: principal.name,
    });
    if (!row) throw new ApiError("not_found", `Post-mortem ${params.postmortemId} not found.`);
    return Response.json(toPostmortemItem(row));
  },
  { role: "admin", params: postmortemParams },
);
