import { z } from "zod";

// Sentry's wire format, validated at the edge. Objects are loose: Sentry adds fields over time and
// an unknown key must never turn a real delivery into a 400.

export const nullableString = z.string().nullish();
export const numericId = z
  .union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()])
  .transform(String);
// Dates Sentry sends are recent; anything outside 1970–9999 is a broken clock or field, and would
// fail PostgreSQL's timestamp range mid-transaction (a 500) instead of answering 400 here.
const LATEST_MS = Date.UTC(9999, 11, 31, 23, 59, 59);
const inRange = (ms: number) => ms >= 0 && ms <= LATEST_MS;
export const isoDate = z
  .string()
  .refine((v) => !Number.isNaN(Date.parse(v)), "not an ISO-8601 date")
  .refine((v) => inRange(Date.parse(v)), "date outside 1970–9999");
export const epochSeconds = z.number().refine((v) => inRange(v * 1000), "timestamp outside 1970–9999");

export const sentryFrame = z.looseObject({
  filename: nullableString,
  abs_path: nullableString,
  function: nullableString,
  module: nullableString,
  lineno: z.number().nullish(),
  colno: z.number().nullish(),
  in_app: z.boolean().nullish(),
  platform: nullableString,
  package: nullableString,
});

const stacktrace = z.looseObject({ frames: z.array(sentryFrame).nullish() }).nullish();

// Threads are named by a number or a string, depending on the SDK.
const threadId = z.union([z.string(), z.number()]).transform(String).nullish();
// Only `handled` is read; a malformed mechanism is treated as not told, never a 400.
export const exceptionMechanism = z
  .looseObject({ handled: z.boolean().nullish() })
  .nullish()
  .catch(undefined);

export const sentryException = z.looseObject({
  type: nullableString,
  value: nullableString,
  module: nullableString,
  thread_id: threadId,
  stacktrace,
  mechanism: exceptionMechanism,
});

const sentryThread = z.looseObject({
  id: threadId,
  crashed: z.boolean().nullish(),
  current: z.boolean().nullish(),
  stacktrace,
});

/** Relay's `Values<T>`: `{ values: [...] }`, or the bare list older SDKs send; always `{ values }` out. */
function valuesOf<T extends z.ZodType>(item: T) {
  return z.union([
    z.array(item).transform((values) => ({ values })),
    z.looseObject({ values: z.array(item).nullish() }),
  ]);
}

// The oldest SDKs sent one exception as the interface itself ({ type, value, stacktrace }).
const singleException = (value: unknown) =>
  value !== null &&
  typeof value === "object" &&
  !Array.isArray(value) &&
  !("values" in value) &&
  ("type" in value || "value" in value)
    ? { values: [value] }
    : value;

// Sentry's older samples and SDKs name interfaces by their Python class; Relay reads these as
// aliases of the modern keys (relay-event-schema `legacy_alias`). Renaming them before validation
// checks a legacy value with the same schema as its modern twin; the modern key wins when both are sent.
const LEGACY_INTERFACE_KEYS: Record<string, string> = {
  "sentry.interfaces.Exception": "exception",
  "sentry.interfaces.Stacktrace": "stacktrace",
  "sentry.interfaces.Message": "logentry",
  "sentry.interfaces.User": "user",
  "sentry.interfaces.Http": "request",
  "sentry.interfaces.Contexts": "contexts",
};

function withModernInterfaceKeys(value: unknown): unknown {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
  const event: Record<string, unknown> = { ...value };
  for (const [legacy, modern] of Object.entries(LEGACY_INTERFACE_KEYS)) {
    if (!(legacy in event)) continue;
    if (event[modern] === undefined) event[modern] = event[legacy];
    delete event[legacy];
  }
  return event;
}

const tagPairs = z.array(z.tuple([z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable()]));
const tagObject = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).nullable());

export const sentryEvent = z.preprocess(
  withModernInterfaceKeys,
  z.looseObject({
    event_id: z.string().regex(/^[0-9a-f]{32}$/i, "event_id is 32 hex characters"),
    issue_id: numericId,
    project: numericId,
    platform: nullableString,
    message: nullableString,
    title: nullableString,
    culprit: nullableString,
    level: nullableString,
    release: nullableString,
    environment: nullableString,
    datetime: isoDate.nullish(),
    timestamp: epochSeconds.nullish(),
    tags: z.union([tagPairs, tagObject]).nullish(),
    user: z.record(z.string(), z.unknown()).nullish(),
    contexts: z.record(z.string(), z.unknown()).nullish(),
    request: z.looseObject({ url: nullableString }).nullish(),
    logentry: z.looseObject({ formatted: nullableString, message: nullableString }).nullish(),
    exception: z.preprocess(singleException, valuesOf(sentryException)).nullish(),
    stacktrace,
    threads: valuesOf(sentryThread).nullish(),
    metadata: z.record(z.string(), z.unknown()).nullish(),
    url: nullableString,
    web_url: nullableString,
    issue_url: nullableString,
  }),
);
export type SentryEvent = z.infer<typeof sentryEvent>;

/** An issue's assignee as Sentry sends it (data.issue.assignedTo, data.assignee); email is never kept. */
export const sentryAssignee = z.looseObject({
  type: z.string().min(1),
  id: z.union([z.string().min(1), z.number()]).transform(String),
  name: nullableString,
});
export type SentryAssignee = z.infer<typeof sentryAssignee>;

export const sentryIssue = z.looseObject({
  id: numericId,
  shortId: nullableString,
  title: z.string(),
  culprit: nullableString,
  level: nullableString,
  status: z.string().default("unresolved"),
  substatus: nullableString,
  // How a resolved issue was resolved ({ inRelease }, { inNextRelease }, { inCommit }); a display
  // hint, so a malformed one is dropped, never a 400.
  statusDetails: z
    .looseObject({ inRelease: z.string().nullish().catch(undefined) })
    .nullish()
    .catch(undefined),
  // Absent (the poll of an older Sentry) is "unknown"; null is "unassigned". A malformed one is
  // treated as not told, never a 400: it is a display hint.
  assignedTo: sentryAssignee.nullish().catch(undefined),
  platform: nullableString,
  permalink: nullableString,
  web_url: nullableString,
  firstSeen: isoDate,
  lastSeen: isoDate,
  count: z.union([z.string(), z.number()]).nullish(),
  userCount: z.number().nullish(),
  project: z.looseObject({
    id: numericId,
    slug: nullableString,
    name: nullableString,
    platform: nullableString,
  }),
  metadata: z.record(z.string(), z.unknown()).nullish(),
});
export type SentryIssue = z.infer<typeof sentryIssue>;

export const sentryActor = z.looseObject({
  type: z.string(),
  id: z.union([z.string(), z.number()]).transform(String),
  name: nullableString,
});

/** What every webhook body carries beside its `data`; each resource adds its own `data` schema. */
export const webhookEnvelope = {
  action: z.string().min(1),
  installation: z.looseObject({ uuid: z.string() }).nullish(),
  actor: sentryActor.nullish(),
};
