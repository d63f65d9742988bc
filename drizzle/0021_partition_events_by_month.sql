-- Events partitioned by month of occurred_at (drizzle-kit cannot express partitioning, so this
-- migration is written by hand; the snapshot records the new key and event_ids). The existing rows
-- are copied into the partitioned table, which then takes the old name. Partitions are named
-- events_YYYY_MM; events_default catches anything outside them, so no insert ever fails for want of
-- a partition. The event_partitions job (lib/ingest/event-partitions-job.ts) keeps months ahead.
CREATE TABLE "event_ids" (
	"id" text PRIMARY KEY NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE INDEX "event_ids_occurred_at" ON "event_ids" USING btree ("occurred_at");
--> statement-breakpoint
INSERT INTO "event_ids" ("id", "occurred_at") SELECT "id", "occurred_at" FROM "events";
--> statement-breakpoint
ALTER TABLE "events" RENAME TO "events_unpartitioned";
--> statement-breakpoint
-- Index and constraint names are schema-wide: free them for the partitioned table's.
ALTER TABLE "events_unpartitioned" DROP CONSTRAINT "events_pkey";
--> statement-breakpoint
ALTER TABLE "events_unpartitioned" DROP CONSTRAINT "events_issue_id_issues_id_fk";
--> statement-breakpoint
DROP INDEX "events_issue_recent";
--> statement-breakpoint
DROP INDEX "events_trace";
--> statement-breakpoint
DROP INDEX "events_environment";
--> statement-breakpoint
DROP INDEX "events_release";
--> statement-breakpoint
DROP INDEX "events_search";
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text NOT NULL,
	"issue_id" text NOT NULL,
	"project_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"platform" text,
	"title" text,
	"message" text,
	"exception_type" text,
	"exception_value" text,
	"user_id" text,
	"tenant_id" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"release" text,
	"environment" text,
	"trace_id" text,
	"url" text,
	"tags" jsonb NOT NULL,
	"frames" jsonb NOT NULL,
	"handled" boolean,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "events_id_occurred_at_pk" PRIMARY KEY("id","occurred_at")
) PARTITION BY RANGE ("occurred_at");
--> statement-breakpoint
CREATE TABLE "events_default" PARTITION OF "events" DEFAULT;
--> statement-breakpoint
-- One partition per month from the oldest stored event's (at most five years back; older rows stay in
-- the default partition) to two months ahead, in UTC.
DO $$
DECLARE
  month timestamptz;
  last_month timestamptz := date_trunc('month', now(), 'UTC') + interval '2 months';
BEGIN
  SELECT greatest(
    coalesce(date_trunc('month', min("occurred_at"), 'UTC'), date_trunc('month', now(), 'UTC')),
    date_trunc('month', now(), 'UTC') - interval '60 months')
  INTO month FROM "events_unpartitioned";
  WHILE month <= last_month LOOP
    EXECUTE format('CREATE TABLE %I PARTITION OF "events" FOR VALUES FROM (%L) TO (%L)',
      'events_' || to_char(month AT TIME ZONE 'UTC', 'YYYY_MM'), month, month + interval '1 month');
    month := month + interval '1 month';
  END LOOP;
END $$;
--> statement-breakpoint
INSERT INTO "events" ("id", "issue_id", "project_id", "occurred_at", "platform", "title", "message",
  "exception_type", "exception_value", "user_id", "tenant_id", "roles", "release", "environment",
  "trace_id", "url", "tags", "frames", "handled", "received_at")
SELECT "id", "issue_id", "project_id", "occurred_at", "platform", "title", "message",
  "exception_type", "exception_value", "user_id", "tenant_id", "roles", "release", "environment",
  "trace_id", "url", "tags", "frames", "handled", "received_at"
FROM "events_unpartitioned";
--> statement-breakpoint
DROP TABLE "events_unpartitioned";
--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;
--> statement-breakpoint
CREATE INDEX "events_issue_recent" ON "events" USING btree ("issue_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);
--> statement-breakpoint
CREATE INDEX "events_trace" ON "events" USING btree ("trace_id");
--> statement-breakpoint
CREATE INDEX "events_environment" ON "events" USING btree ("environment","issue_id");
--> statement-breakpoint
CREATE INDEX "events_release" ON "events" USING btree ("release","issue_id");
--> statement-breakpoint
CREATE INDEX "events_search" ON "events" USING gin (to_tsvector('simple', coalesce("message", '') || ' ' || coalesce("exception_value", '')));
--> statement-breakpoint
-- Lookups bound an issue's events by its seen range (first release, recent events), so every
-- stored event must be inside it: the store statements keep it so from now on.
UPDATE "issues" i SET "first_seen" = least(i."first_seen", e."first_at"), "last_seen" = greatest(i."last_seen", e."last_at")
FROM (SELECT "issue_id", min("occurred_at") AS "first_at", max("occurred_at") AS "last_at" FROM "events" GROUP BY "issue_id") e
WHERE e."issue_id" = i."id" AND (e."first_at" < i."first_seen" OR e."last_at" > i."last_seen");
