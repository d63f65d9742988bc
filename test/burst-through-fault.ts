import type { ErrorDelivery } from "./delivery-ledger";
import { type Reply, type Sender, signedRequest } from "./webhook-sender";

export type FaultBurst = {
  deliveries: ErrorDelivery[];
  replies: Reply[];
  /** Replies to requests sent while the fault was being applied. */
  duringFault: Reply[];
};

/**
 * Keeps `concurrency` deliveries in flight; once `before` have been answered, applies `fault`, and
 * stops `after` answers after it ended, so the fault lands in a steady burst however fast the
 * server is. Returns every delivery sent with its reply, in order.
 */
export async function burstThroughFault(
  sender: Sender,
  next: () => ErrorDelivery,
  secret: string,
  options: { concurrency: number; before: number; after: number },
  fault: () => Promise<void>,
): Promise<FaultBurst> {
  const deliveries: ErrorDelivery[] = [];
  const replies: Reply[] = [];
  const duringFault: Reply[] = [];
  let answered = 0;
  let faultState: "before" | "during" | "after" = "before";
  let answeredAfter = 0;
  let faultDone: Promise<void> | undefined;

  const lane = async () => {
    while (faultState !== "after" || answeredAfter < options.after) {
      const delivery = next();
      const index = deliveries.push(delivery) - 1;
      const sentDuring = faultState === "during";
      const reply = await sender.post(signedRequest("error", delivery.body, secret));
      replies[index] = reply;
      if (sentDuring) duringFault.push(reply);
      if (faultState === "after") answeredAfter++;
      if (++answered === options.before) {
        faultState = "during";
        faultDone = fault().finally(() => {
          faultState = "after";
        });
        // Awaited below; this only keeps a failing fault from counting as unhandled meanwhile.
        faultDone.catch(() => {});
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, lane));
  await faultDone;
  return { deliveries, replies, duringFault };
}
