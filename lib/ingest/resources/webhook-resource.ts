import { createHash } from "node:crypto";
import type { z } from "zod";
import type { Database } from "@/lib/db/connect";
import type { IngestOptions } from "../ingest-options";

/** What every resource's schema yields at least: the envelope fields Sift reads before storing. */
export type WebhookPayload = {
  action: string;
  installation?: { uuid: string } | null;
  actor?: { type: string; id: string } | null;
};

export type StoredRefs = { issueId?: string; eventId?: string };

/**
 * What `store` is told besides the payload. `ownWrite`: the delivery echoes Sift's own API write
 * (actor = SENTRY_APP_ID). It is stored like any other, so Sift's own comment shows and its own
 * assignment is mirrored, but it must queue no job: analysing or writing back in answer to our
 * own write would loop.
 */
export type StoreOptions = IngestOptions & { ownWrite: boolean };

/**
 * One Sentry webhook resource (the Sentry-Hook-Resource header): how its body is validated, which
 * of its ids make a retried delivery recognisable, and how it is stored. A resource without `store`
 * is recorded as a delivery and nothing more.
 */
export type WebhookResource<P extends WebhookPayload = WebhookPayload> = {
  schema: z.ZodType<P>;
  /**
   * Sentry retries with a new Request-ID and signature, so a delivery is identified by the ids in
   * its payload. An empty id falls back to a hash of the exact body.
   */
  dedupeIds: (payload: P) => string[];
  store?: (tx: Database, payload: P, options: StoreOptions) => Promise<StoredRefs>;
  /** The body as kept for audit, without secrets it carries (installation.created's grant code). */
  redact?: (body: unknown) => unknown;
  /**
   * For the resource a burst is made of (error.created): the webhook records the delivery and
   * queues a store_delivery job in one statement, and the job stores the rest through this, after
   * the 2xx. It runs again when the job is retried, so it must change nothing the second time.
   * `refs` names what it will store, for the webhook's answer. Own writes still take `store`.
   */
  storeLater?: {
    store: (db: Database, payload: P, options: IngestOptions, deliveryId: number) => Promise<StoredRefs>;
    refs: (payload: P) => StoredRefs;
  };
};

/** Keeps each resource's payload type tied to its own schema and functions. */
export const defineWebhookResource = <P extends WebhookPayload>(resource: WebhookResource<P>) =>
  resource as unknown as WebhookResource;

/** `value[path…]` as text, "" when absent: payloads of record-only resources are not parsed deeply. */
export function idAt(value: unknown, ...path: string[]): string {
  let current: unknown = value;
  for (const key of path) current = (current as Record<string, unknown> | null | undefined)?.[key];
  return current == null ? "" : String(current);
}

/** A fixed-size stand-in for free text (a comment) among dedupe ids. */
export const textDigest = (text: string) => createHash("sha256").update(text).digest("hex");
