import { sql } from "drizzle-orm";
import {
  bigint,
  bigserial,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from "drizzle-orm/pg-core";

export type StoredFrame = {
  filename: string | null;
  function: string | null;
  module: string | null;
  lineNo: number | null;
  inApp: boolean;
};

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

export const projects = pgTable("projects", {
  id: text("id").primaryKey(),
  slug: text("slug"),
  name: text("name"),
  platform: text("platform"),
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
    updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [index("issues_last_seen").on(t.lastSeen.desc(), t.id.desc())],
);

export const events = pgTable(
  "events",
  {
    id: text("id").primaryKey(),
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
    frames: jsonb("frames").$type<StoredFrame[]>().notNull(),
    receivedAt: timestamp("received_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index("events_issue_occurred").on(t.issueId, t.occurredAt.desc()),
    index("events_trace").on(t.traceId),
  ],
);

export type BlastRadius = {
  events: number;
  users: number;
  tenants: number;
  topTenants: { tenantId: string; events: number; users: number }[];
  roles: { role: string; users: number }[];
};

export type OwnerVerdict = {
  owner: string;
  source: "ownership_rule" | "fallback";
  rule: string | null;
};

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
    inAppFrames: jsonb("in_app_frames").$type<StoredFrame[]>().notNull(),
    createdAt: timestamp("created_at", { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.issueId, t.version] })],
);

export const jobs = pgTable(
  "jobs",
  {
    id: bigserial("id", { mode: "number" }).primaryKey(),
    kind: text("kind", { enum: ["analyse_issue"] }).notNull(),
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
  ],
);
