CREATE TABLE "issue_actions" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"kind" text NOT NULL,
	"team" text,
	"team_id" text,
	"until" text,
	"until_minutes" integer,
	"status" text DEFAULT 'pending' NOT NULL,
	"before" jsonb NOT NULL,
	"note" text,
	"incident_id" bigint,
	"actor" text NOT NULL,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"settled_at" timestamp with time zone
);
--> statement-breakpoint
ALTER TABLE "issue_actions" ADD CONSTRAINT "issue_actions_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_actions_issue" ON "issue_actions" USING btree ("issue_id","id");