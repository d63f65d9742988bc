import { randomBytes } from "node:crypto";
import { signBody } from "@/lib/sentry/verify-signature";
import { readFixture } from "@/test/sentry-webhook";

/** How a load's deliveries fall on issues: evenly over many, or mostly on three (a cascade). */
export type Shape = "spread" | "cascade";

export type SignedDelivery = { body: string; headers: Record<string, string>; eventId: string };

export type DeliveryPlan = {
  shape: Shape;
  secret: string;
  /** First Sentry issue id of this load; ids base … base + issues − 1 are used. */
  issueBase: number;
  issues: number;
  users: number;
  tenants: number;
};

// In a cascade, this share of the deliveries lands on the three hot issues; the rest is spread.
const HOT_SHARE = 0.9;
const HOT_ISSUES = 3;

/**
 * Builds signed error.created deliveries from Sentry's real fixture, each with a fresh event id, so
 * every one is a new event the server must store. The body is a template filled by string joins
 * rather than JSON.stringify per delivery: the load generator shares the server's two cores and
 * must stay cheap.
 */
export function signedDeliveries(plan: DeliveryPlan): () => SignedDelivery {
  const payload = JSON.parse(readFixture("webhook-error-created.json"));
  const error = payload.data.error;
  error.event_id = "@@event@@";
  error.issue_id = "@@issue@@";
  error.timestamp = "@@timestamp@@";
  error.datetime = "@@datetime@@";
  error.user = { id: "@@user@@", tenant_id: "@@tenant@@" };
  const parts = JSON.stringify(payload)
    .replace('"@@timestamp@@"', "@@timestamp@@")
    .split(/@@(\w+)@@/);
  // A random prefix per load and a counter: unique across loads and runs without a random call each.
  const prefix = randomBytes(8).toString("hex");
  let counter = 0;
  const pick = (n: number) => Math.floor(Math.random() * n);
  const issueOf = () =>
    plan.shape === "cascade" && Math.random() < HOT_SHARE
      ? plan.issueBase + pick(HOT_ISSUES)
      : plan.issueBase + pick(plan.issues);
  return () => {
    const eventId = prefix + (counter++).toString(16).padStart(16, "0");
    const now = Date.now();
    const values: Record<string, string> = {
      event: eventId,
      issue: String(issueOf()),
      timestamp: String(now / 1000),
      datetime: new Date(now).toISOString(),
      user: `u-${pick(plan.users)}`,
      tenant: `t-${pick(plan.tenants)}`,
    };
    const body = parts.map((part, i) => (i % 2 === 1 ? values[part] : part)).join("");
    return {
      body,
      eventId,
      headers: {
        "content-type": "application/json",
        "request-id": randomBytes(16).toString("hex"),
        "sentry-hook-resource": "error",
        "sentry-hook-timestamp": String(Math.floor(now / 1000)),
        "sentry-hook-signature": signBody(body, plan.secret),
      },
    };
  };
}
