DROP INDEX "events_issue_occurred";--> statement-breakpoint
DROP INDEX "issues_last_seen";--> statement-breakpoint
CREATE INDEX "events_issue_recent" ON "events" USING btree ("issue_id","occurred_at" DESC NULLS FIRST,"id" DESC NULLS FIRST);--> statement-breakpoint
CREATE INDEX "issues_recent" ON "issues" USING btree ("last_seen" DESC NULLS FIRST,("id"::numeric) desc);