import { postmortemUploadBody } from "@/lib/contracts/postmortems";
import { getDb } from "@/lib/db/client";
import { listPostmortems, savePostmortem } from "@/lib/db/queries/postmortems";
import { ApiError } from "@/lib/http/api-error";
import { toPostmortemItem } from "@/lib/http/postmortem-bodies";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withAuth } from "@/lib/http/with-auth";
import { preparePostmortem } from "@/lib/postmortems/prepare-postmortem";

export const dynamic = "force-dynamic";

// GET /api/admin/postmortems – every post-mortem (without its text), newest incident first
export const GET = withAuth(
  async () => {
    const rows = await listPostmortems(await getDb());
    return Response.json({ items: rows.map(toPostmortemItem) });
  },
  { role: "admin" },
);

// POST /api/admin/postmortems – upload a markdown post-mortem; matched against issues from now on; audited
export const POST = withAuth(
  async ({ req, principal }) => {
    const body = await readJsonBody(req, postmortemUploadBody);
    const prepared = preparePostmortem(body.markdown, { title: body.title, fallbackTitle: "", source: null });
    if (!prepared.title) {
      throw new ApiError("bad_request", "Give a title, or start the markdown with a heading.");
    }
    const { postmortem } = await savePostmortem(await getDb(), prepared, {
      sub: principal.sub,
      name: principal.name,
    });
    return Response.json(toPostmortemItem(postmortem), { status: 201 });
  },
  { role: "admin" },
);
