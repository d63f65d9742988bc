import { teamParams } from "@/lib/contracts/pages";
import { getDb } from "@/lib/db/client";
import { getTeamSummary } from "@/lib/db/queries/team-summary";
import { ApiError } from "@/lib/http/api-error";
import { knownOwners } from "@/lib/http/known-owners";
import { ownerOfTeam, toTeamBody } from "@/lib/http/page-bodies";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// GET /api/teams/[team] – a team's queue counts by status; its issues are GET /api/issues?owner=…
export const GET = withAuth(
  async ({ params }) => {
    const owner = ownerOfTeam(params.team);
    const counts = await getTeamSummary(await getDb(), owner);
    const inRules = knownOwners([]).includes(owner);
    // A team the rules name is real even before it owns an issue: an empty queue, not a wrong link.
    if (counts.total === 0 && !inRules) {
      throw new ApiError("not_found", `No analysis names ${owner} as owner and no ownership rule does.`);
    }
    return Response.json(toTeamBody(owner, inRules, counts));
  },
  { role: "viewer", params: teamParams },
);
