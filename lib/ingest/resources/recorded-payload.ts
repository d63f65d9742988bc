import { z } from "zod";
import { webhookEnvelope } from "@/lib/sentry/webhook-payload";

/** The schema of a resource Sift records without processing yet: the envelope and any `data`. */
export const recordedPayload = z.looseObject({ ...webhookEnvelope, data: z.record(z.string(), z.unknown()) });
