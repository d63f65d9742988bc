import { z } from "zod";
import { exceptionMechanism, isoDate, nullableString, numericId } from "./webhook-payload";

// Sentry Web API responses, validated at the edge; only the fields Sift reads. The API speaks
// camelCase (absPath, lineNo, inApp) where webhooks speak snake_case, and wraps the event's
// interfaces in `entries: [{ type, data }]`. Objects stay loose: Sentry adds fields over time.

export const sentryApiFrame = z.looseObject({
  filename: nullableString,
  absPath: nullableString,
  function: nullableString,
  module: nullableString,
  lineNo: z.number().nullish(),
  colNo: z.number().nullish(),
  inApp: z.boolean().nullish(),
  platform: nullableString,
  package: nullableString,
});

const stacktrace = z.looseObject({ frames: z.array(sentryApiFrame).nullish() });
const threadId = z.union([z.string(), z.number()]).transform(String).nullish();

const exceptionEntry = z.looseObject({
  type: z.literal("exception"),
  data: z.looseObject({
    values: z
      .array(
        z.looseObject({
          type: nullableString,
          value: nullableString,
          module: nullableString,
          threadId,
          stacktrace: stacktrace.nullish(),
          mechanism: exceptionMechanism,
        }),
      )
      .nullish(),
  }),
});
const stacktraceEntry = z.looseObject({ type: z.literal("stacktrace"), data: stacktrace });
const threadsEntry = z.looseObject({
  type: z.literal("threads"),
  data: z.looseObject({
    values: z
      .array(
        z.looseObject({
          id: threadId,
          crashed: z.boolean().nullish(),
          current: z.boolean().nullish(),
          stacktrace: stacktrace.nullish(),
        }),
      )
      .nullish(),
  }),
});
const requestEntry = z.looseObject({
  type: z.literal("request"),
  data: z.looseObject({ url: nullableString }),
});

const knownEntryTypes: readonly string[] = ["exception", "stacktrace", "threads", "request"];
// Breadcrumbs, spans, message … are not read. The refine keeps a malformed known entry from
// slipping through as "other", which would silently drop its stack trace.
const otherEntry = z
  .looseObject({ type: z.string().refine((t) => !knownEntryTypes.includes(t)), data: z.unknown() })
  .transform(() => ({ type: "other" as const }));

export const sentryApiEntry = z.union([
  exceptionEntry,
  stacktraceEntry,
  threadsEntry,
  requestEntry,
  otherEntry,
]);
export type SentryApiEntry = z.infer<typeof sentryApiEntry>;

/** `GET /api/0/organizations/{org}/issues/{issue_id}/events/{event_id}/` (operationId getOrganizationIssueEvent). */
export const sentryApiEvent = z.looseObject({
  eventID: z.string().regex(/^[0-9a-f]{32}$/i, "eventID is 32 hex characters"),
  groupID: numericId.nullish(),
  projectID: numericId,
  platform: nullableString,
  title: nullableString,
  message: nullableString,
  culprit: nullableString,
  dateCreated: isoDate.nullish(),
  dateReceived: isoDate.nullish(),
  // A release object (version, commits, deploys) in the API; a bare version in older responses.
  release: z.union([z.string(), z.looseObject({ version: z.string() })]).nullish(),
  tags: z.array(z.looseObject({ key: z.string(), value: z.string().nullable() })).nullish(),
  user: z.record(z.string(), z.unknown()).nullish(),
  contexts: z.record(z.string(), z.unknown()).nullish(),
  entries: z.array(sentryApiEntry),
});
export type SentryApiEvent = z.infer<typeof sentryApiEvent>;
