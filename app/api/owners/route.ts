import { getDb } from "@/lib/db/client";
import { listNamedOwners } from "@/lib/db/queries/owner-examples";
import { knownOwners } from "@/lib/http/known-owners";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

const NAMED_OWNERS = 200;

// GET /api/owners – the owners a triager may pick when correcting an issue's owner
export const GET = withAuth(
  async () => {
    const named = await listNamedOwners(await getDb(), NAMED_OWNERS);
    return Response.json({ owners: knownOwners(named) });
  },
  { role: "viewer" },
);
