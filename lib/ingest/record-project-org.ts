import type { Database } from "@/lib/db/connect";
import { recordProjectOrg } from "@/lib/db/queries/installations";
import type { IngestOptions } from "./ingest-options";
import type { StoredRefs, WebhookPayload } from "./resources/webhook-resource";

/**
 * A public integration's deliveries say which installation, hence which organisation, they are for:
 * recorded on the stored issue's project so the right token is used. Idempotent.
 */
export async function recordDeliveryOrg(
  db: Database,
  options: Pick<IngestOptions, "publicIntegration">,
  payload: WebhookPayload,
  refs: StoredRefs,
): Promise<void> {
  const installationUuid = payload.installation?.uuid;
  if (options.publicIntegration && refs.issueId && installationUuid) {
    await recordProjectOrg(db, refs.issueId, installationUuid);
  }
}
