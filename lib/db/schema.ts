import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  boolean,
  customType,
  date,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  real,
  smallint,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";
import {
  type BlastRadius,
  type CategoryVerdict,
  FEEDBACK_KINDS,
  FEEDBACK_VERDICTS,
  type Frame,
  type IssueLinkEvidence,
  type OwnerVerdict,
  type Priority,
  type RootVerdict,
  type SeerChange,
  type SeerFinding,
  type SeerPullRequest,
  type SeerStages,
  type SimilarIssueWhy,
  type SummaryFacts,
  type Suspects,
} from "@/lib/analysis/types";

/** Every webhook we acknowledged, raw, for audit and replay. */
export const deliveries = pgTable(
  "deliveries",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    requestId: text("request_id"),
    resource: text("resource").notNull(),
    action: text("action").notNull(),
    // Sentry retries carry a new Request-ID, so duplicates are recognised by payload ids.
    dedupeKey: text("dedupe_key").notNull(),
    installationUuid: text("installation_uuid"),
    outcome: text("outcome", { enum: ["ingested", "recorded", "ignored"] }).notNull(),
    body: jsonb("body").notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("deliveries_dedupe_key").on(t.dedupeKey)],
);

/** off: nothing is written to Sentry; comment: Sift's analysis as a comment; assign: also the owning team. */
export const writebackModes = ["off", "comment", "assign"] as const;
export type WritebackMode = (typeof writebackModes)[number];

export const projects = pgTable("projects", {
  id: text("id").primaryKey(),
  slug: text("slug"),
  name: text("name"),
  platform: text("platform"),
  // An admin's override of SIFT_WRITEBACK for this project; null follows the default.
  writeback: text("writeback", { enum: writebackModes }),
  writebackChangedBy: text("writeback_changed_by"),
  writebackChangedAt: timestamp("writeback_changed_at", { withTimezone: true }),
  // The Sentry organisation the project belongs to, learnt from the public integration's
  // installation that delivered it; null: unknown (the internal integration's org is assumed).
  orgSlug: text("org_slug"),
});

export const issues = pgTable(
  "issues",
  {
    id: text("id").primaryKey(),
    shortId: text("short_id"),
    projectId: text("project_id")
      .notNull()
      .references(() => projects.id),
    title: text("title").notNull(),
    culprit: text("culprit"),
    level: text("level"),
    status: text("status").notNull().default("unresolved"),
    platform: text("platform"),
    permalink: text("permalink"),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
    // Busy issues pass 2^31 events; mode "number" is exact up to 2^53.
    sentryCount: bigint("sentry_count", { mode: "number" }),
    sentryUserCount: bigint("sentry_user_count", { mode: "number" }),
    // Kept with each new event in the statement that stores it (insertEvent, storeEventOfDelivery), so
    // the list never counts an issue's events.
    eventCount: bigint("event_count", { mode: "number" }).notNull().default(0),
    userCount: bigint("user_count", { mode: "number" }).notNull().default(0),
    tenantCount: bigint("tenant_count", { mode: "number" }).notNull().default(0),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
    // Sentry's workflow state, mirrored from issue.* webhooks and the poll. Deliveries arrive in any
    // order, so each part keeps the version it came from: the snapshot's lastSeen and a rank of
    // the action that sent it (lib/ingest/issue-state-version.ts). An older version never
    // overwrites a newer one. Null: no snapshot yet (the issue is known only from its events).
    substatus: text("substatus"),
    statusSeenAt: timestamp("status_seen_at", { withTimezone: true }),
    statusRank: integer("status_rank"),
    assigneeType: text("assignee_type"),
    assigneeId: text("assignee_id"),
    assigneeName: text("assignee_name"),
    assigneeSeenAt: timestamp("assignee_seen_at", { withTimezone: true }),
    assigneeRank: integer("assignee_rank"),
    // The newest analysis's priority, copied here so the list filters and sorts by it: the tier
    // (0 = P0 … 3 = P3; null until analysed) and priorityRank (tier, then score; 0 until analysed).
    priorityTier: smallint("priority_tier"),
    priorityRank: integer("priority_rank").notNull().default(0),
    // When Sift learnt the issue was resolved (Sentry's payload carries no time of its own), and the
    // release Sentry's statusDetails named; both null while unresolved. Versioned with the status.
    resolvedAt: timestamp("resolved_at", { withTimezone: true }),
    resolvedInRelease: text("resolved_in_release"),
  },
  // The list's orders (newest first, or most urgent first; numeric id breaking ties) as indexes,
  // so a page is a range scan at any number of issues; NULLS FIRST matches a plain DESC.
  (t) => [
    index("issues_recent").on(t.lastSeen.desc().nullsFirst(), sql`(${t.id}::numeric) desc`),
    // Incident grouping looks for issues first seen near a new one (a burst).
    index("issues_first_seen").on(t.firstSeen),
    index("issues_priority").on(t.priorityRank.desc().nullsFirst(), sql`(${t.id}::numeric) desc`),
    // "Most users / tenants / events first" as a range scan, not a top-N over every issue (the slowest
    // list requests in npm run bench:ui). The counts change with each event, but so does last_seen,
    // so the issue's update was never a HOT update: these add three entries to a write that makes others.
    index("issues_most_users").on(t.userCount.desc().nullsFirst(), sql`(${t.id}::numeric) desc`),
    index("issues_most_tenants").on(t.tenantCount.desc().nullsFirst(), sql`(${t.id}::numeric) desc`),
    index("issues_most_events").on(t.eventCount.desc().nullsFirst(), sql`(${t.id}::numeric) desc`),
    // The tenant page counts a tenant's issues, the open ones and the newest last seen: merges of
    // issue_tenants' tenant index with these two, all in id order, reading no issue row (index-only
    // scans; the rows are wide). The status is the partial index's predicate, not a key: a status is
    // any text Sentry sends, and a key is limited to a third of a page. One or two more entries per
    // issue update, which is never HOT anyway (last_seen changes).
    index("issues_id_last_seen").on(t.id, t.lastSeen),
    index("issues_open").on(t.id).where(sql`status = 'unresolved'`),
    // The learned owner model reads the issues assigned to a team changed since its last read.
    index("issues_team_assigned").on(t.updatedAt).where(sql`assignee_type = 'team'`),
  ],
);

/**
 * Stored events. In the database the table is partitioned by month of occurred_at (migration 0021:
 * drizzle cannot say so) with a default partition, so retention drops whole months
 * (lib/db/queries/event-partitions.ts) and a lookup bounded in time reads one or a few months. The
 * key must hold the partition column; event_ids keeps the id alone unique.
 */
export const events = pgTable(
  "events",
  {
    id: text("id").notNull(),
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    projectId: text("project_id").notNull(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
    platform: text("platform"),
    title: text("title"),
    message: text("message"),
    exceptionType: text("exception_type"),
    exceptionValue: text("exception_value"),
    userId: text("user_id"),
    tenantId: text("tenant_id"),
    roles: text("roles").array().notNull().default(sql`'{}'::text[]`),
    release: text("release"),
    environment: text("environment"),
    traceId: text("trace_id"),
    url: text("url"),
    tags: jsonb("tags").$type<Record<string, string>>().notNull(),
    frames: jsonb("frames").$type<Frame[]>().notNull(),
    // The primary exception's mechanism: false when no code caught it; null when the SDK did not say.
    handled: boolean("handled"),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.id, t.occurredAt] }),
    // Matches listRecentEvents' order exactly (id breaks ties), so a hot issue's newest events are an
    // index range, not a sort of all its rows.
    // NULLS FIRST is what a plain DESC sorts by; drizzle's default (NULLS LAST) would not match it.
    index("events_issue_recent").on(t.issueId, t.occurredAt.desc().nullsFirst(), t.id.desc().nullsFirst()),
    index("events_trace").on(t.traceId),
    // No index for the list's environment, release and text filters: they read the issue rollups
    // (issue_environments, issue_releases, issue_search_texts), and every index here is written
    // for every event.
  ],
);

const tsvector = customType<{ data: string }>({ dataType: () => "tsvector" });

/**
 * The words of each distinct text (eventSearchText: message and exception value) among an issue's
 * events, written with each new event: the list's search reads these, one row per text an issue
 * has, where the events repeat a text once per occurrence (a million events of 100,000 issues).
 * The key is the text's md5, as a text may be longer than a b-tree entry.
 */
export const issueSearchTexts = pgTable(
  "issue_search_texts",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    textKey: text("text_key").notNull(),
    words: tsvector("words").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.textKey] }),
    index("issue_search_texts_words").using("gin", t.words),
  ],
);

/**
 * The three-letter pieces (lower case) of each issue's title, culprit and short id, for the list's
 * substring search: an issue can contain a search string only if it has every piece of it, so a
 * string few issues contain is answered from the GIN index over these arrays, where ILIKE alone
 * read every issue to find none. PostgreSQL's own trigram index is an extension (pg_trgm), kept out
 * of the migrations. Triggers on issues keep the rows (migration 0024): titles are written by the
 * store statements, the issue webhooks, the poll and bulk loads alike.
 */
export const issueSearchGrams = pgTable(
  "issue_search_grams",
  {
    issueId: text("issue_id")
      .primaryKey()
      .references(() => issues.id),
    grams: text("grams").array().notNull(),
  },
  (t) => [index("issue_search_grams_grams").using("gin", t.grams)],
);

/**
 * Every stored event's id, once: the events key is (id, occurred_at), so the same id at another
 * time would not collide there. The statement that stores an event claims its id here first and
 * writes the event only when the claim is new. Retention deletes the ids with their events.
 */
export const eventIds = pgTable(
  "event_ids",
  {
    id: text("id").primaryKey(),
    occurredAt: timestamp("occurred_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("event_ids_occurred_at").on(t.occurredAt)],
);

// Per-issue rollups written with each new event. issue_users and issue_tenants make the distinct
// counts on issues exact; issue_identities holds each distinct (user, tenant, roles) an issue hit
// with its event count, which is all the blast radius needs however many events there are.

export const issueUsers = pgTable(
  "issue_users",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    userId: text("user_id").notNull(),
  },
  // The key answers "did this issue hit user X" per issue; the second index starts from the user,
  // for the list's user filter when that user hit a few issues of many.
  (t) => [primaryKey({ columns: [t.issueId, t.userId] }), index("issue_users_user").on(t.userId, t.issueId)],
);

export const issueTenants = pgTable(
  "issue_tenants",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    tenantId: text("tenant_id").notNull(),
  },
  // As issue_users: the second index serves the list's tenant filter.
  (t) => [
    primaryKey({ columns: [t.issueId, t.tenantId] }),
    index("issue_tenants_tenant").on(t.tenantId, t.issueId),
  ],
);

export const issueIdentities = pgTable(
  "issue_identities",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    /** md5 of user, tenant and roles (see identityKey in queries/events.ts); nulls are distinct from "". */
    identityKey: text("identity_key").notNull(),
    userId: text("user_id"),
    tenantId: text("tenant_id"),
    roles: text("roles").array().notNull(),
    events: bigint("events", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.identityKey] })],
);

/**
 * An issue's events per hour and who they hit: one row per (issue, hour, identity) with its event
 * count, written with each new event (the identity key is issue_identities'). Events per hour are
 * the rows' sum, users and tenants per hour their distinct non-null ids, exact, for one issue or
 * any set of them, reading at most one row per identity per hour, never the events.
 */
export const issueHourIdentities = pgTable(
  "issue_hour_identities",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    identityKey: text("identity_key").notNull(),
    userId: text("user_id"),
    tenantId: text("tenant_id"),
    events: bigint("events", { mode: "number" }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.hour, t.identityKey] }),
    // Who an issue's timeline hit each hour, read from the index alone (listHourlyBuckets): the
    // rows of a busy issue lie one per heap page. Without the event count, which each rollup
    // changes, so an update that leaves who alone stays a HOT update.
    index("issue_hour_identities_who").on(t.issueId, t.hour, t.userId, t.tenantId),
  ],
);

/**
 * An issue's events per hour (issue_hour_identities summed over identities): the list's 24-hour
 * sparklines read at most 24 rows per issue by key, where a busy issue has hundreds of identities
 * an hour. Folded with the hourly rollup (rollUpPendingHours).
 */
export const issueHours = pgTable(
  "issue_hours",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    events: bigint("events", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.hour] })],
);

/**
 * New events' hours waiting to be added to issue_hour_identities. The webhook's statement appends
 * one row per new event here (a plain insert: no key to check, no row to lock, no foreign key)
 * instead of upserting the hourly rollup, and the issue's analysis job, which every new event
 * queues, moves them into the rollup: delete and upsert in one statement, so each is counted
 * exactly once. The hourly rollup is therefore behind by at most the worker's lag.
 */
export const pendingEventHours = pgTable(
  "pending_event_hours",
  {
    issueId: text("issue_id").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    identityKey: text("identity_key").notNull(),
    userId: text("user_id"),
    tenantId: text("tenant_id"),
  },
  (t) => [index("pending_event_hours_issue").on(t.issueId)],
);

/**
 * When Sift last saw each tenant (the hour of its newest event), for the share of active tenants
 * an issue hit. Kept by the analysis job from the hourly rollup, off the ingest hot path: one row
 * per tenant, so counting the active ones never scans events.
 */
export const tenantActivity = pgTable(
  "tenant_activity",
  {
    tenantId: text("tenant_id").primaryKey(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
  },
  (t) => [index("tenant_activity_last_seen").on(t.lastSeen)],
);

/**
 * Each tenant's events per hour, across all its issues: the tenant page's "events in the last 24 h
 * / 7 d" is a sum over at most 168 rows of its key, where the hourly rollup would be read for every
 * issue the tenant hit (tens of thousands for a large tenant). Folded from the pending hours by the
 * analysis job (rollUpPendingHours), in the statement that moves them, so it counts exactly the
 * events issue_hour_identities counts.
 */
export const tenantHours = pgTable(
  "tenant_hours",
  {
    tenantId: text("tenant_id").notNull(),
    hour: timestamp("hour", { withTimezone: true }).notNull(),
    events: bigint("events", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.hour] })],
);

/**
 * Each distinct (user, roles) a tenant's events carried (issue_identities' key, across issues) and
 * the hour of its newest event: the tenant page's roles (users per role) and its users in the last
 * 24 h / 7 d (identities whose newest hour is in the window) read one row per identity of the one
 * tenant, by its key. Folded with tenant_hours.
 */
export const tenantIdentities = pgTable(
  "tenant_identities",
  {
    tenantId: text("tenant_id").notNull(),
    identityKey: text("identity_key").notNull(),
    userId: text("user_id"),
    roles: text("roles").array().notNull(),
    lastHour: timestamp("last_hour", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.tenantId, t.identityKey] })],
);

/**
 * The releases and environments an issue's stored events carry, with the newest event's hour:
 * the list's release and environment filters and the release page start here instead of probing
 * every month's events. Written by the store statements (the hour only moves forward, so most
 * events leave the row alone); retention removes a pair whose newest hour expired.
 */
export const issueReleases = pgTable(
  "issue_releases",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    release: text("release").notNull(),
    lastHour: timestamp("last_hour", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.release] }),
    index("issue_releases_release").on(t.release, t.issueId),
  ],
);

export const issueEnvironments = pgTable(
  "issue_environments",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    environment: text("environment").notNull(),
    lastHour: timestamp("last_hour", { withTimezone: true }).notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.environment] }),
    index("issue_environments_environment").on(t.environment, t.issueId),
  ],
);

/** One row per run of the analysis; the newest version is the current one. */
export const analyses = pgTable(
  "analyses",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    version: integer("version").notNull(),
    analyserVersion: text("analyser_version").notNull(),
    summary: text("summary").notNull(),
    owner: jsonb("owner").$type<OwnerVerdict>().notNull(),
    blastRadius: jsonb("blast_radius").$type<BlastRadius>().notNull(),
    inAppFrames: jsonb("in_app_frames").$type<Frame[]>().notNull(),
    // Null in analyses made before suspects were computed.
    suspects: jsonb("suspects").$type<Suspects>(),
    /** Null on analyses written before analyser version 2. */
    category: jsonb("category").$type<CategoryVerdict>(),
    // Null in analyses made before priorities existed (analyser version 1).
    priority: jsonb("priority").$type<Priority>(),
    // The summary's claims and confidence; null in analyses made before analyser version 3.
    summaryFacts: jsonb("summary_facts").$type<SummaryFacts>(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.version] })],
);

export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    // Kinds are registered by the code that runs them (lib/jobs), not listed here.
    kind: text("kind").notNull(),
    subjectId: text("subject_id").notNull(),
    status: text("status", { enum: ["queued", "running", "done", "failed"] })
      .notNull()
      .default("queued"),
    attempts: integer("attempts").notNull().default(0),
    runAfter: timestamp("run_after", { withTimezone: true }).notNull().defaultNow(),
    lockedUntil: timestamp("locked_until", { withTimezone: true }),
    lastError: text("last_error"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    finishedAt: timestamp("finished_at", { withTimezone: true }),
  },
  (t) => [
    // At most one pending job per subject: a burst of events for one issue is analysed once.
    uniqueIndex("jobs_one_queued_per_subject").on(t.kind, t.subjectId).where(sql`status = 'queued'`),
    index("jobs_claim").on(t.status, t.runAfter),
    // The newest job of a subject, for showing whether its analysis is pending or failed.
    index("jobs_subject").on(t.kind, t.subjectId, t.id),
  ],
);

/** How far each periodic sync with an outside system has got, e.g. "sentry_issues". */
export const syncState = pgTable("sync_state", {
  name: text("name").primaryKey(),
  syncedUntil: timestamp("synced_until", { withTimezone: true }).notNull(),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/**
 * What Sift wrote back to Sentry for an issue. The comment's intent (the hash of the text about to
 * be posted) is committed before the POST, so a retry after a crash between Sentry's 201 and this
 * row's update finds the posted comment instead of posting a second one. The lease keeps two
 * write-back jobs of one issue from writing at once.
 */
export const writebacks = pgTable("writebacks", {
  issueId: text("issue_id")
    .primaryKey()
    .references(() => issues.id),
  commentId: text("comment_id"),
  // sha256 of the text the comment now has in Sentry.
  commentHash: text("comment_hash"),
  // sha256 of the text being posted when no comment id is known yet; cleared once it is.
  pendingHash: text("pending_hash"),
  commentWrittenAt: timestamp("comment_written_at", { withTimezone: true }),
  // Someone deleted Sift's comment in Sentry: it is not posted again.
  commentDeletedAt: timestamp("comment_deleted_at", { withTimezone: true }),
  // "assigned": Sift assigned assignedTeam; "left": someone else had assigned it, Sift never will.
  assignment: text("assignment", { enum: ["assigned", "left"] }),
  assignedTeam: text("assigned_team"),
  assignmentNote: text("assignment_note"),
  assignedAt: timestamp("assigned_at", { withTimezone: true }),
  leaseToken: text("lease_token"),
  leaseUntil: timestamp("lease_until", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});

/** What a triager can ask Sift to do to an issue in Sentry (POST /api/issues/{id}/actions). */
export const issueActionKinds = ["assign", "resolve", "archive", "unresolve"] as const;
export type IssueActionKind = (typeof issueActionKinds)[number];

/**
 * pending: recorded in Sift, not yet confirmed by Sentry; succeeded: Sentry's PUT answered, or its
 * webhook showed the state; failed: Sentry refused it or it ran out of attempts; superseded: a later
 * request in Sift, or someone's change in Sentry made after it was asked, replaced it unwritten.
 */
export const issueActionStatuses = ["pending", "succeeded", "failed", "superseded"] as const;
export type IssueActionStatus = (typeof issueActionStatuses)[number];

/** Sentry's workflow state of an issue as Sift mirrored it, kept with an action as its "before". */
export type IssueWorkflowState = {
  status: string;
  substatus: string | null;
  assignee: { type: string; id: string; name: string | null } | null;
};

/**
 * A triager's change to an issue in Sentry, recorded at once and written by the issue_action job
 * (lib/writeback/issue-action-job.ts). The newest pending row per issue and field (status or
 * assignee) is the intended state the pages show until Sentry confirms it.
 */
export const issueActions = pgTable(
  "issue_actions",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    kind: text("kind", { enum: issueActionKinds }).notNull(),
    // assign: the team's slug, found among the organisation's teams when written.
    team: text("team"),
    // assign: that team's Sentry id, once the job has found it.
    teamId: text("team_id"),
    // archive: until escalating (Sentry's default), forever, or for untilMinutes minutes.
    until: text("until", { enum: ["escalating", "forever", "minutes"] }),
    untilMinutes: integer("until_minutes"),
    status: text("status", { enum: issueActionStatuses }).notNull().default("pending"),
    before: jsonb("before").$type<IssueWorkflowState>().notNull(),
    // Why it failed or was superseded, or the last transient error while it is retried.
    note: text("note"),
    // Asked from this incident's page (for all its issues), else from the issue's own page.
    incidentId: bigint("incident_id", { mode: "number" }),
    actor: text("actor").notNull(),
    actorName: text("actor_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    settledAt: timestamp("settled_at", { withTimezone: true }),
  },
  (t) => [index("issue_actions_issue").on(t.issueId, t.id)],
);

// Other Sentry resources, keyed by Sentry's issue id without a foreign key: webhooks of different
// resources arrive in any order, and a comment or a Seer run for an issue Sift has not heard of
// yet must be kept, not refused; it shows once the issue arrives.

/** Comments on an issue (comment.* webhooks). A delete keeps the row, without its text, so a late create cannot bring it back. */
export const issueComments = pgTable(
  "issue_comments",
  {
    commentId: text("comment_id").primaryKey(),
    issueId: text("issue_id").notNull(),
    projectSlug: text("project_slug"),
    text: text("text"),
    authorType: text("author_type"),
    authorId: text("author_id"),
    authorName: text("author_name"),
    /** Written through Sift's own integration (actor = SENTRY_APP_ID). */
    own: boolean("own").notNull().default(false),
    /** created 0 < updated 1 < deleted 2: a lower one never overwrites a higher one. */
    rank: integer("rank").notNull(),
    /** Sentry's timestamp: when the comment was written (edits keep it). */
    createdAt: timestamp("created_at", { withTimezone: true }).notNull(),
    /** When Sift received the latest edit or the delete: Sentry's payload carries no edit time. */
    editedAt: timestamp("edited_at", { withTimezone: true }),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
  },
  (t) => [index("issue_comments_issue").on(t.issueId, t.createdAt)],
);

/** One Seer run on an issue (seer.* webhooks), merged across its actions. */
export const seerRuns = pgTable(
  "seer_runs",
  {
    runId: text("run_id").primaryKey(),
    issueId: text("issue_id").notNull(),
    stages: jsonb("stages").$type<SeerStages>().notNull(),
    rootCause: jsonb("root_cause").$type<SeerFinding>(),
    solution: jsonb("solution").$type<SeerFinding>(),
    changes: jsonb("changes").$type<SeerChange[]>(),
    pullRequests: jsonb("pull_requests").$type<SeerPullRequest[]>(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("seer_runs_issue").on(t.issueId, t.updatedAt)],
);

/** Each issue alert rule that fired on an event (event_alert.triggered). */
export const alertTriggers = pgTable(
  "alert_triggers",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    issueId: text("issue_id").notNull(),
    eventId: text("event_id").notNull(),
    ruleName: text("rule_name").notNull(),
    ruleId: text("rule_id"),
    /** When Sift received it: the payload carries no firing time. */
    triggeredAt: timestamp("triggered_at", { withTimezone: true }).notNull(),
  },
  (t) => [index("alert_triggers_issue").on(t.issueId, t.triggeredAt)],
);

/**
 * Metric alert incidents (metric_alert.*), shown on the issues of the projects they name. No
 * index on projects: incidents are few, and a GIN entry has the same size limit as a btree one.
 */
export const metricAlerts = pgTable("metric_alerts", {
  id: text("id").primaryKey(),
  identifier: text("identifier"),
  title: text("title").notNull(),
  /** open < warning < critical < resolved: the most severe level reached, resolved once closed. */
  status: text("status").notNull(),
  statusRank: integer("status_rank").notNull(),
  ruleName: text("rule_name"),
  projects: text("projects").array().notNull(),
  webUrl: text("web_url"),
  description: text("description"),
  dateStarted: timestamp("date_started", { withTimezone: true }),
  dateDetected: timestamp("date_detected", { withTimezone: true }),
  dateClosed: timestamp("date_closed", { withTimezone: true }),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull(),
});

/**
 * One installation of Sift as a Sentry public integration, one per organisation that installed it.
 * Tokens are AES-256-GCM ciphertext (lib/installations/token-cipher.ts), never plaintext. The grant
 * code lives here only between the installation.created webhook and its exchange (at most its ten
 * minutes of validity), then is cleared.
 */
export const sentryInstallations = pgTable(
  "sentry_installations",
  {
    uuid: text("uuid").primaryKey(),
    orgSlug: text("org_slug").notNull(),
    orgId: text("org_id"),
    appSlug: text("app_slug"),
    status: text("status", { enum: ["pending", "installed", "deleted"] }).notNull(),
    grantCode: text("grant_code"),
    grantReceivedAt: timestamp("grant_received_at", { withTimezone: true }),
    tokenCiphertext: text("token_ciphertext"),
    refreshTokenCiphertext: text("refresh_token_ciphertext"),
    tokenExpiresAt: timestamp("token_expires_at", { withTimezone: true }),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    deletedAt: timestamp("deleted_at", { withTimezone: true }),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("sentry_installations_org").on(t.orgSlug, t.createdAt)],
);

// Incidents: issues of one fire across projects. issue_links holds the evidence between pairs
// (written by the grouping job for the issue it ran for, or by a triager); incidents are the groups
// those links make, and incident_issues says which incident each issue is in now.

/**
 * Evidence that two issues are one fire, a < b. source "auto": found by the grouping job (replaced
 * each time it runs for either issue); "manual": a triager merged them; "apart": a triager split
 * them, and no grouping may put them in one incident again.
 */
export const issueLinks = pgTable(
  "issue_links",
  {
    issueA: text("issue_a").notNull(),
    issueB: text("issue_b").notNull(),
    source: text("source", { enum: ["auto", "manual", "apart"] }).notNull(),
    strength: integer("strength_pct").notNull(),
    evidence: jsonb("evidence").$type<IssueLinkEvidence[]>().notNull(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issueA, t.issueB, t.source] }), index("issue_links_b").on(t.issueB)],
);

/**
 * When Sift first saw each release of a project (from its events, kept by the grouping job), so a
 * burst on a release counts only when the release was new: a deploy, not what everything runs on.
 */
export const releases = pgTable(
  "releases",
  {
    projectId: text("project_id").notNull(),
    version: text("version").notNull(),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.projectId, t.version] })],
);

export const incidentStatuses = ["open", "resolved", "merged", "dissolved"] as const;

export const incidents = pgTable(
  "incidents",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    rootIssueId: text("root_issue_id").notNull(),
    root: jsonb("root").$type<RootVerdict>().notNull(),
    // A triager's choice of root, kept while that issue stays in the incident.
    pinnedRootIssueId: text("pinned_root_issue_id"),
    title: text("title").notNull(),
    /**
     * open: some issue unresolved; resolved: all resolved; merged: its issues moved to merged_into;
     * dissolved: its issues are no longer linked to each other.
     */
    status: text("status", { enum: incidentStatuses }).notNull(),
    mergedInto: bigint("merged_into", { mode: "number" }),
    issueCount: integer("issue_count").notNull(),
    firstSeen: timestamp("first_seen", { withTimezone: true }).notNull(),
    lastSeen: timestamp("last_seen", { withTimezone: true }).notNull(),
    userCount: bigint("user_count", { mode: "number" }).notNull(),
    tenantCount: bigint("tenant_count", { mode: "number" }).notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("incidents_recent").on(t.lastSeen.desc().nullsFirst(), t.id.desc().nullsFirst())],
);

export const incidentIssues = pgTable(
  "incident_issues",
  {
    issueId: text("issue_id")
      .primaryKey()
      .references(() => issues.id),
    incidentId: bigint("incident_id", { mode: "number" })
      .notNull()
      .references(() => incidents.id),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("incident_issues_incident").on(t.incidentId)],
);

/** Every triager correction of incidents, with who and when; what it changed is in before/after. */
export const incidentCorrections = pgTable(
  "incident_corrections",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    incidentId: bigint("incident_id", { mode: "number" }).notNull(),
    action: text("action", { enum: ["merge", "split", "set_root"] }).notNull(),
    issueIds: text("issue_ids").array().notNull(),
    otherIncidentId: bigint("other_incident_id", { mode: "number" }),
    actor: text("actor").notNull(),
    actorName: text("actor_name"),
    before: jsonb("before").$type<{ rootIssueId: string; issueIds: string[] }>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("incident_corrections_incident").on(t.incidentId, t.createdAt)],
);

/**
 * Commits of the code Sentry reports on, from Sentry's release commits or a local git history
 * (`npm run import:commits`), for naming the suspects of an issue. A sha is taken as unique across
 * repositories. `release` is the first release the commit shipped in, null when none is known.
 */
export const commits = pgTable(
  "commits",
  {
    sha: text("sha").primaryKey(),
    repo: text("repo").notNull(),
    message: text("message").notNull(),
    authorName: text("author_name"),
    authorEmail: text("author_email"),
    committedAt: timestamp("committed_at", { withTimezone: true }).notNull(),
    release: text("release"),
  },
  (t) => [index("commits_committed_at").on(t.committedAt), index("commits_release").on(t.release)],
);

/** The paths a commit changed, relative to its repository's root. */
export const commitFiles = pgTable(
  "commit_files",
  {
    sha: text("sha")
      .notNull()
      .references(() => commits.sha, { onDelete: "cascade" }),
    path: text("path").notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.sha, t.path] }),
    // Suspects are looked up by the file names of an issue's frames, whatever their directories.
    index("commit_files_basename").on(sql`regexp_replace(${t.path}, '^.*/', '')`),
  ],
);

// Similar issues: an inverted index of weighted stack terms (lib/analysis/similar-issue-terms.ts),
// kept by the index_similar job, and each issue's top matches it stored.

/** One term of an issue's stack with its posting weight (tf·idf at indexing, over the issue's norm). */
export const issueTerms = pgTable(
  "issue_terms",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    term: text("term").notNull(),
    weight: real("weight").notNull(),
  },
  // The term index gives a term's postings; the key gives one issue's, to replace or rescore them.
  (t) => [
    primaryKey({ columns: [t.issueId, t.term] }),
    index("issue_terms_term").on(t.term, t.weight, t.issueId),
  ],
);

/**
 * How many indexed issues hold each term (the IDF's document frequency) and, for stack terms, in
 * how many projects (the cross-project penalty's count), kept with each index update.
 */
export const similarityTerms = pgTable("similarity_terms", {
  term: text("term").primaryKey(),
  documents: integer("documents").notNull(),
  projects: integer("projects").notNull().default(0),
});

/** How many indexed issues of each project hold each stack term: `projects` counts its rows. */
export const similarityTermProjects = pgTable(
  "similarity_term_projects",
  {
    term: text("term").notNull(),
    projectId: text("project_id").notNull(),
    documents: integer("documents").notNull(),
  },
  (t) => [primaryKey({ columns: [t.term, t.projectId] })],
);

/** Each indexed issue: its aligned frames (for re-ranking by frame alignment) and when it was indexed. */
export const similarityDocuments = pgTable("similarity_documents", {
  issueId: text("issue_id")
    .primaryKey()
    .references(() => issues.id),
  frames: text("frames").array().notNull(),
  /** The project it was counted in (similarity_term_projects), to uncount it when replaced. */
  projectId: text("project_id"),
  indexedAt: timestamp("indexed_at", { withTimezone: true }).notNull().defaultNow(),
});

/** The number of indexed issues (the IDF's N), one row, so a search never counts them. */
export const similarityCorpus = pgTable("similarity_corpus", {
  id: smallint("id").primaryKey(),
  documents: integer("documents").notNull(),
});

/**
 * An issue's top matches when it was last indexed (and later issues that found it among theirs),
 * with why; `duplicate`: both were open, the score reached LIKELY_DUPLICATE_SCORE, and the match
 * was seen first.
 */
export const similarIssues = pgTable(
  "similar_issues",
  {
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    similarId: text("similar_id")
      .notNull()
      .references(() => issues.id),
    score: doublePrecision("score").notNull(),
    why: jsonb("why").$type<SimilarIssueWhy>().notNull(),
    duplicate: boolean("duplicate").notNull().default(false),
    computedAt: timestamp("computed_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.issueId, t.similarId] }),
    // The list shows each issue's best open likely duplicate: a few duplicate rows per issue in score
    // order, where the key's range holds every similar issue (~10, wide rows on as many pages;
    // 38 of the 46 pages an issue-list page read in npm run bench:ui's database).
    index("similar_issues_duplicates")
      .on(t.issueId, t.score.desc().nullsFirst(), t.similarId)
      .where(sql`duplicate`),
  ],
);

// Post-mortems: markdown written by the team after a fire, matched against issues on the terms
// lib/analysis/postmortem-terms.ts finds in them (exception types, functions, files, services).

/** A post-mortem as imported (`source`: the file it came from) or uploaded by an admin (no source). */
export const postmortems = pgTable(
  "postmortems",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    title: text("title").notNull(),
    markdown: text("markdown").notNull(),
    // sha256 of the markdown: an import of unchanged content is recognised and left alone.
    contentHash: text("content_hash").notNull(),
    source: text("source"),
    occurredOn: date("occurred_on", { mode: "string" }),
    createdBy: text("created_by"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex("postmortems_source").on(t.source)],
);

/** One term of a post-mortem with its weighted frequency; weighted by IDF when matched. */
export const postmortemTerms = pgTable(
  "postmortem_terms",
  {
    postmortemId: bigint("postmortem_id", { mode: "number" })
      .notNull()
      .references(() => postmortems.id, { onDelete: "cascade" }),
    term: text("term").notNull(),
    tf: real("tf").notNull(),
  },
  (t) => [primaryKey({ columns: [t.postmortemId, t.term] }), index("postmortem_terms_term").on(t.term)],
);

/**
 * What a write through Sift's API may be recorded as. Adding one needs no migration: the column is
 * plain text, this list only types the code that writes and reads it.
 */
export const auditActions = [
  "project.writeback.set",
  "job.requeue",
  "incident.merge",
  "incident.split",
  "incident.set_root",
  "postmortem.create",
  "postmortem.update",
  "postmortem.delete",
  "issue.assign",
  "issue.resolve",
  "issue.archive",
  "issue.unresolve",
] as const;
export type AuditAction = (typeof auditActions)[number];

export const auditTargetTypes = ["project", "job", "incident", "postmortem", "issue"] as const;
export type AuditTargetType = (typeof auditTargetTypes)[number];

/**
 * Every write made through Sift's API: who (the token's subject and display name), what (action and
 * target), when, and the target's state before and after. Written in the write's own transaction,
 * so a row exists exactly when the write committed. Never updated or deleted by Sift.
 */
export const auditLog = pgTable(
  "audit_log",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    at: timestamp("at", { withTimezone: true }).notNull().defaultNow(),
    actorSub: text("actor_sub").notNull(),
    actorName: text("actor_name"),
    action: text("action", { enum: auditActions }).notNull(),
    targetType: text("target_type", { enum: auditTargetTypes }).notNull(),
    targetId: text("target_id").notNull(),
    before: jsonb("before"),
    after: jsonb("after"),
  },
  // Admins read it newest first, and per target ("who changed this project?").
  (t) => [index("audit_log_target").on(t.targetType, t.targetId, t.id)],
);

/**
 * A triager's confirmation or correction of one of Sift's verdicts on an issue, with who and when.
 * The newest per issue and kind is what the page shows; an owner correction also overrides the
 * issue's owner and trains the learned owner model; all of them measure each model's accuracy.
 */
export const feedback = pgTable(
  "feedback",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    issueId: text("issue_id")
      .notNull()
      .references(() => issues.id),
    kind: text("kind", { enum: FEEDBACK_KINDS }).notNull(),
    verdict: text("verdict", { enum: FEEDBACK_VERDICTS }).notNull(),
    // The right answer for a correction (a team, a category, a tier, an issue id); null for a confirmation.
    value: text("value"),
    // What Sift said when the feedback was given, so a confirmation names what it confirmed.
    siftSaid: text("sift_said"),
    actor: text("actor").notNull(),
    actorName: text("actor_name"),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("feedback_issue").on(t.issueId, t.kind, t.createdAt),
    index("feedback_kind_time").on(t.kind, t.createdAt),
  ],
);
