CREATE TABLE "issue_hours" (
	"issue_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "issue_hours_issue_id_hour_pk" PRIMARY KEY("issue_id","hour")
);
--> statement-breakpoint
ALTER TABLE "issue_hours" ADD CONSTRAINT "issue_hours_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "similar_issues_duplicates" ON "similar_issues" USING btree ("issue_id","score" DESC NULLS FIRST,"similar_id") WHERE duplicate;--> statement-breakpoint
-- Backfill from the hourly rollup as it stands; pending hours are folded by the job that moves them.
INSERT INTO "issue_hours" ("issue_id", "hour", "events")
SELECT "issue_id", "hour", sum("events") FROM "issue_hour_identities" GROUP BY 1, 2;
