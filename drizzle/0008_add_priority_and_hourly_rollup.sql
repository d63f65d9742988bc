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
CREATE TABLE "tenant_activity" (
	"tenant_id" text PRIMARY KEY NOT NULL,
	"last_seen" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "priority" jsonb;--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "handled" boolean;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "priority_tier" smallint;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "priority_rank" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "issue_hour_identities" ADD CONSTRAINT "issue_hour_identities_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tenant_activity_last_seen" ON "tenant_activity" USING btree ("last_seen");--> statement-breakpoint
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
