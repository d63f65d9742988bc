CREATE TABLE "issue_environments" (
	"issue_id" text NOT NULL,
	"environment" text NOT NULL,
	"last_hour" timestamp with time zone NOT NULL,
	CONSTRAINT "issue_environments_issue_id_environment_pk" PRIMARY KEY("issue_id","environment")
);
--> statement-breakpoint
CREATE TABLE "issue_releases" (
	"issue_id" text NOT NULL,
	"release" text NOT NULL,
	"last_hour" timestamp with time zone NOT NULL,
	CONSTRAINT "issue_releases_issue_id_release_pk" PRIMARY KEY("issue_id","release")
);
--> statement-breakpoint
ALTER TABLE "issue_environments" ADD CONSTRAINT "issue_environments_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_releases" ADD CONSTRAINT "issue_releases_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_environments_environment" ON "issue_environments" USING btree ("environment","issue_id");--> statement-breakpoint
CREATE INDEX "issue_releases_release" ON "issue_releases" USING btree ("release","issue_id");--> statement-breakpoint
-- Backfill from the stored events: the hour of each pair's newest event, in UTC as the store statements compute it.
INSERT INTO "issue_releases" ("issue_id", "release", "last_hour")
SELECT "issue_id", "release", date_trunc('hour', max("occurred_at"), 'UTC') FROM "events" WHERE "release" IS NOT NULL GROUP BY 1, 2;--> statement-breakpoint
INSERT INTO "issue_environments" ("issue_id", "environment", "last_hour")
SELECT "issue_id", "environment", date_trunc('hour', max("occurred_at"), 'UTC') FROM "events" WHERE "environment" IS NOT NULL GROUP BY 1, 2;
