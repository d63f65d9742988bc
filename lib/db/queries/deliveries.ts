import type { Database } from "../connect";
import { deliveries } from "../schema";

export type NewDelivery = typeof deliveries.$inferInsert;

/** Returns false when a delivery with the same dedupe key was stored before (a Sentry retry). */
export async function insertDelivery(db: Database, delivery: NewDelivery): Promise<boolean> {
  const rows = await db
    .insert(deliveries)
    .values(delivery)
    .onConflictDoNothing({ target: deliveries.dedupeKey })
    .returning({ id: deliveries.id });
  return rows.length > 0;
}
