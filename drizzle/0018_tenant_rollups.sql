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
CREATE INDEX "issues_tenant_page" ON "issues" USING btree ("id","status","last_seen");--> statement-breakpoint
-- Backfill from the hourly rollup as it stands: hours still pending are folded by the analysis
-- job that moves them, so every event is counted once.
INSERT INTO "tenant_hours" ("tenant_id", "hour", "events")
SELECT "tenant_id", "hour", sum("events") FROM "issue_hour_identities"
WHERE "tenant_id" IS NOT NULL GROUP BY 1, 2;
--> statement-breakpoint
INSERT INTO "tenant_identities" ("tenant_id", "identity_key", "user_id", "roles", "last_hour")
SELECT h."tenant_id", h."identity_key", min(h."user_id"), coalesce(min(ii."roles"), '{}'), max(h."hour")
FROM "issue_hour_identities" h
LEFT JOIN "issue_identities" ii ON ii."issue_id" = h."issue_id" AND ii."identity_key" = h."identity_key"
WHERE h."tenant_id" IS NOT NULL GROUP BY 1, 2;
