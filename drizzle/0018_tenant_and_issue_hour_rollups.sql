CREATE TABLE "issue_hours" (
	"issue_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "issue_hours_issue_id_hour_pk" PRIMARY KEY("issue_id","hour")
);
--> statement-breakpoint
CREATE TABLE "tenant_hours" (
	"tenant_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "tenant_hours_tenant_id_hour_pk" PRIMARY KEY("tenant_id","hour")
);
--> statement-breakpoint
CREATE TABLE "tenant_identities" (
	"tenant_id" text NOT NULL,
	"identity_key" text NOT NULL,
	"user_id" text,
	"roles" text[] NOT NULL,
	"last_hour" timestamp with time zone NOT NULL,
	CONSTRAINT "tenant_identities_tenant_id_identity_key_pk" PRIMARY KEY("tenant_id","identity_key")
);
--> statement-breakpoint
ALTER TABLE "issue_hours" ADD CONSTRAINT "issue_hours_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issues_id_last_seen" ON "issues" USING btree ("id","last_seen");--> statement-breakpoint
CREATE INDEX "issues_open" ON "issues" USING btree ("id") WHERE status = 'unresolved';--> statement-breakpoint
CREATE INDEX "similar_issues_duplicates" ON "similar_issues" USING btree ("issue_id","score" DESC NULLS FIRST,"similar_id") WHERE duplicate;--> statement-breakpoint
-- Backfill from the hourly rollup as it stands: hours still pending are folded by the analysis
-- job that moves them (rollUpPendingHours), so every event is counted once.
INSERT INTO "issue_hours" ("issue_id", "hour", "events")
SELECT "issue_id", "hour", sum("events") FROM "issue_hour_identities" GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "tenant_hours" ("tenant_id", "hour", "events")
SELECT "tenant_id", "hour", sum("events") FROM "issue_hour_identities"
WHERE "tenant_id" IS NOT NULL GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "tenant_identities" ("tenant_id", "identity_key", "user_id", "roles", "last_hour")
SELECT h."tenant_id", h."identity_key", min(h."user_id"), coalesce(min(ii."roles"), '{}'), max(h."hour")
FROM "issue_hour_identities" h
LEFT JOIN "issue_identities" ii ON ii."issue_id" = h."issue_id" AND ii."identity_key" = h."identity_key"
WHERE h."tenant_id" IS NOT NULL GROUP BY 1, 2;
