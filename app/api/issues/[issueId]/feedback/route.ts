import { feedbackBody } from "@/lib/contracts/feedback";
import { issueParams } from "@/lib/contracts/issues";
import { getDb } from "@/lib/db/client";
import { recordFeedback } from "@/lib/enrichment/record-feedback";
import { ApiError } from "@/lib/http/api-error";
import { toFeedbackItem } from "@/lib/http/model-bodies";
import { readJsonBody } from "@/lib/http/read-json-body";
import { withAuth } from "@/lib/http/with-auth";

export const dynamic = "force-dynamic";

// POST /api/issues/{issueId}/feedback – confirm or correct one of Sift's verdicts on the issue
export const POST = withAuth(
  async ({ req, params, principal }) => {
    const body = await readJsonBody(req, feedbackBody);
    const outcome = await recordFeedback(await getDb(), params.issueId, body, principal);
    if (!outcome.ok) throw new ApiError(outcome.reason, outcome.message);
    return Response.json({ feedback: toFeedbackItem(outcome.feedback) }, { status: 201 });
  },
  { role: "triager", params: issueParams },
);
