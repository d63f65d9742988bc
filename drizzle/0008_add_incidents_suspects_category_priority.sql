CREATE TABLE "commit_files" (
	"sha" text NOT NULL,
	"path" text NOT NULL,
	CONSTRAINT "commit_files_sha_path_pk" PRIMARY KEY("sha","path")
);
--> statement-breakpoint
CREATE TABLE "commits" (
	"sha" text PRIMARY KEY NOT NULL,
	"repo" text NOT NULL,
	"message" text NOT NULL,
	"author_name" text,
	"author_email" text,
	"committed_at" timestamp with time zone NOT NULL,
	"release" text
);
--> statement-breakpoint
CREATE TABLE "incident_corrections" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"action" text NOT NULL,
	"issue_ids" text[] NOT NULL,
	"other_incident_id" bigint,
	"actor" text NOT NULL,
	"actor_name" text,
	"before" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incident_issues" (
	"issue_id" text PRIMARY KEY NOT NULL,
	"incident_id" bigint NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "incidents" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"root_issue_id" text NOT NULL,
	"root" jsonb NOT NULL,
	"pinned_root_issue_id" text,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"merged_into" bigint,
	"issue_count" integer NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"user_count" bigint NOT NULL,
	"tenant_count" bigint NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_hour_identities" (
	"issue_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"identity_key" text NOT NULL,
	"user_id" text,
	"tenant_id" text,
	"events" bigint NOT NULL,
	CONSTRAINT "issue_hour_identities_issue_id_hour_identity_key_pk" PRIMARY KEY("issue_id","hour","identity_key")
);
--> statement-breakpoint
CREATE TABLE "issue_links" (
	"issue_a" text NOT NULL,
	"issue_b" text NOT NULL,
	"source" text NOT NULL,
	"strength_pct" integer NOT NULL,
	"evidence" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "issue_links_issue_a_issue_b_source_pk" PRIMARY KEY("issue_a","issue_b","source")
);
--> statement-breakpoint
CREATE TABLE "releases" (
	"project_id" text NOT NULL,
	"version" text NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	CONSTRAINT "releases_project_id_version_pk" PRIMARY KEY("project_id","version")
);
--> statement-breakpoint
CREATE TABLE "tenant_activity" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"last_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "suspects" jsonb;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "category" jsonb;--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "priority" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "handled" boolean;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "priority_tier" smallint;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "priority_rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "commit_files" ADD CONSTRAINT "commit_files_sha_commits_sha_fk" FOREIGN KEY ("sha") REFERENCES "public"."commits"("sha") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_issues" ADD CONSTRAINT "incident_issues_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "incident_issues" ADD CONSTRAINT "incident_issues_incident_id_incidents_id_fk" FOREIGN KEY ("incident_id") REFERENCES "public"."incidents"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_hour_identities" ADD CONSTRAINT "issue_hour_identities_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commit_files_basename" ON "commit_files" USING btree (regexp_replace("path", '^.*/', ''));--> statement-breakpoint
CREATE INDEX "commits_committed_at" ON "commits" USING btree ("committed_at");--> statement-breakpoint
CREATE INDEX "commits_release" ON "commits" USING btree ("release");--> statement-breakpoint
CREATE INDEX "incident_corrections_incident" ON "incident_corrections" USING btree ("incident_id","created_at");--> statement-breakpoint
CREATE INDEX "incident_issues_incident" ON "incident_issues" USING btree ("incident_id");--> statement-breakpoint
CREATE INDEX "incidents_recent" ON "incidents" USING btree ("last_seen" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "issue_links_b" ON "issue_links" USING btree ("issue_b");--> statement-breakpoint
CREATE INDEX "tenant_activity_last_seen" ON "tenant_activity" USING btree ("last_seen");--> statement-breakpoint
CREATE INDEX "issues_first_seen" ON "issues" USING btree ("first_seen");--> statement-breakpoint
CREATE INDEX "issues_priority" ON "issues" USING btree ("priority_rank" DESC NULLS FIRST,("id"::numeric) desc);--> statement-breakpoint
-- Backfill from events already stored (hand-written; the identity key matches identityKey() in lib/db/queries/events.ts,
-- the hour is the UTC hour, as hourOf() computes it).
INSERT INTO "issue_hour_identities" ("issue_id", "hour", "identity_key", "user_id", "tenant_id", "events")
SELECT "issue_id", date_trunc('hour', "occurred_at", 'UTC'),
       md5(coalesce('u' || "user_id", '') || chr(31) || coalesce('t' || "tenant_id", '') || chr(31) || array_to_string("roles", chr(31))),
       "user_id", "tenant_id", count(*)
FROM "events" GROUP BY 1, 2, 3, 4, 5;--> statement-breakpoint
INSERT INTO "tenant_activity" ("tenant_id", "last_seen")
SELECT "tenant_id", max("hour") FROM "issue_hour_identities" WHERE "tenant_id" IS NOT NULL GROUP BY 1;--> statement-breakpoint
-- Processed events repeat the exception mechanism's flag as the handled tag.
UPDATE "events" SET "handled" = ("tags"->>'handled' = 'yes') WHERE "tags"->>'handled' IN ('yes', 'no');
