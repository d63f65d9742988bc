import { z } from "zod";
import {
  EXCHANGE_GRANT_JOB,
  markInstallationDeleted,
  recordInstallation,
} from "@/lib/db/queries/installations";
import { enqueueJob } from "@/lib/db/queries/jobs";
import { numericId, webhookEnvelope } from "@/lib/sentry/webhook-payload";
import { defineWebhookResource, idAt } from "./webhook-resource";

const installation = z.looseObject({
  uuid: z.string().min(1),
  status: z.string().nullish(),
  code: z.string().min(1).nullish(),
  app: z.looseObject({ slug: z.string().nullish() }).nullish(),
  organization: z.looseObject({ slug: z.string().min(1), id: numericId.nullish() }),
});

// installation.created / deleted (public integrations): the installation is recorded and its grant
// code queued for exchange, or it is marked deleted and every call for its organisation stops.
export const installationResource = defineWebhookResource({
  schema: z.looseObject({
    ...webhookEnvelope,
    action: z.enum(["created", "deleted"]),
    data: z.looseObject({ installation }),
  }),
  dedupeIds: (payload) => [idAt(payload.data, "installation", "uuid")],
  // The grant code is a credential for ten minutes: the audit copy of the delivery never holds it.
  redact: (body) => {
    const data = (body as { data?: { installation?: Record<string, unknown> } }).data;
    if (data?.installation && "code" in data.installation) {
      const { code: _code, ...rest } = data.installation;
      return { ...(body as object), data: { ...data, installation: { ...rest, code: "[redacted]" } } };
    }
    return body;
  },
  async store(tx, payload) {
    const { uuid, organization, app, status, code } = payload.data.installation;
    const row = {
      uuid,
      orgSlug: organization.slug,
      orgId: organization.id ?? null,
      appSlug: app?.slug ?? null,
    };
    if (payload.action === "deleted") {
      await markInstallationDeleted(tx, row);
      return {};
    }
    const grantCode = code ?? null;
    const waiting = await recordInstallation(tx, {
      ...row,
      status: status === "installed" ? "installed" : "pending",
      grantCode,
    });
    if (waiting) await enqueueJob(tx, EXCHANGE_GRANT_JOB, uuid);
    return {};
  },
});
