import { signedWebhookHeaders } from "@/lib/sentry/verify-signature";
import { buildDemoDeliveries, type DemoDelivery } from "./build-demo-deliveries";

export type ReplayDemoOptions = { baseUrl: string; clientSecret: string; fixturesDir: string; now: Date };

export type ReplayDemoResult = {
  sent: number;
  accepted: number;
  duplicates: number;
  failed: { status: number; body: string }[];
};

const connectAttempts = 10;
const connectBackoffMs = 500;
// The first delivery may wait for `next dev` to compile the route.
const requestTimeoutMs = 60_000;

function isConnectionRefused(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } } | undefined)?.cause;
  return cause?.code === "ECONNREFUSED" || cause?.code === "ECONNRESET";
}

/** POSTs with the headers Sentry sends, retrying only while the server is not listening yet. */
async function postDelivery(url: string, delivery: DemoDelivery, clientSecret: string): Promise<Response> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fetch(url, {
        method: "POST",
        headers: signedWebhookHeaders(delivery.resource, delivery.body, clientSecret),
        body: delivery.body,
        redirect: "manual",
        signal: AbortSignal.timeout(requestTimeoutMs),
      });
    } catch (error) {
      if (!isConnectionRefused(error) || attempt >= connectAttempts) throw error;
      await new Promise((resolve) => setTimeout(resolve, connectBackoffMs * attempt));
    }
  }
}

async function isDuplicate(response: Response): Promise<boolean> {
  try {
    return ((await response.json()) as { duplicate?: unknown } | null)?.duplicate === true;
  } catch {
    return false;
  }
}

/** Signs and sends the demo deliveries, in order, to Sift's own webhook endpoint, as Sentry would. */
export async function replayDemo(options: ReplayDemoOptions): Promise<ReplayDemoResult> {
  const url = new URL("/api/webhooks/sentry", options.baseUrl).toString();
  const deliveries = buildDemoDeliveries(options.fixturesDir, { now: options.now });
  const result: ReplayDemoResult = { sent: 0, accepted: 0, duplicates: 0, failed: [] };
  for (const delivery of deliveries) {
    result.sent++;
    let response: Response;
    try {
      response = await postDelivery(url, delivery, options.clientSecret);
    } catch (error) {
      result.failed.push({ status: 0, body: (error as Error).message });
      // Nothing is listening: the remaining deliveries would fail the same way.
      if (isConnectionRefused(error)) break;
      continue;
    }
    if (!response.ok) {
      result.failed.push({ status: response.status, body: (await response.text()).slice(0, 500) });
    } else if (await isDuplicate(response)) {
      result.duplicates++;
    } else {
      result.accepted++;
    }
  }
  return result;
}
