import { modelsQuery } from "@/lib/contracts/feedback";
import { getDb } from "@/lib/db/client";
import { countFeedbackByWeek } from "@/lib/db/queries/feedback";
import { toModelsBody } from "@/lib/http/model-bodies";
import { readOfflineEvaluation } from "@/lib/http/offline-evaluation";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

const WEEK_MS = 7 * 86_400_000;

// GET /api/models – each model's accuracy from triagers' feedback per week, and the latest offline evaluation
export const GET = withAuth(
  async ({ query }) => {
    const since = new Date(Date.now() - query.weeks * WEEK_MS);
    const [weeks, evaluation] = await Promise.all([
      countFeedbackByWeek(await getDb(), since),
      readOfflineEvaluation(),
    ]);
    return Response.json(toModelsBody(weeks, evaluation, since));
  },
  { role: "viewer", query: modelsQuery },
);
