// How Sentry's webhook sender writes things, so demo bodies look byte-for-byte like real deliveries.
import { createHash } from "node:crypto";

export const sentryActor = { type: "application", id: "sentry", name: "Sentry" };

/** Deterministic hex from a label: stable ids without randomness. */
export function hexId(label: string, length: number): string {
  return createHash("sha256").update(`sift-demo:${label}`).digest("hex").slice(0, length);
}

/** A fraction in [0, 1) from a label, for deterministic jitter. */
export function unit(label: string): number {
  return Number.parseInt(hexId(label, 8), 16) / 0x1_0000_0000;
}

/** Sentry serialises with Python's ensure_ascii: every non-ASCII UTF-16 unit becomes \uXXXX. */
export function toSentryJson(value: unknown): string {
  return JSON.stringify(value).replace(
    /[\u0080-\uffff]/g,
    (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`,
  );
}

/** `2019-08-19T20:58:37.391000Z`: Sentry prints microseconds. */
export function sentryDatetime(ms: number): string {
  return new Date(ms).toISOString().replace(/Z$/, "000Z");
}
