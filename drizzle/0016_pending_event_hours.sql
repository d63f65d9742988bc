CREATE TABLE "pending_event_hours" (
	"issue_id" text NOT NULL,
	"hour" timestamp with time zone NOT NULL,
	"identity_key" text NOT NULL,
	"user_id" text,
	"tenant_id" text
);
--> statement-breakpoint
CREATE INDEX "pending_event_hours_issue" ON "pending_event_hours" USING btree ("issue_id");