CREATE TABLE "alert_triggers" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"event_id" text NOT NULL,
	"rule_name" text NOT NULL,
	"rule_id" text,
	"triggered_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issue_comments" (
	"comment_id" text PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"project_slug" text,
	"text" text,
	"author_type" text,
	"author_id" text,
	"author_name" text,
	"own" boolean DEFAULT false NOT NULL,
	"rank" integer NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"edited_at" timestamp with time zone,
	"deleted_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "metric_alerts" (
	"id" text PRIMARY KEY NOT NULL,
	"identifier" text,
	"title" text NOT NULL,
	"status" text NOT NULL,
	"status_rank" integer NOT NULL,
	"rule_name" text,
	"projects" text[] NOT NULL,
	"web_url" text,
	"description" text,
	"date_started" timestamp with time zone,
	"date_detected" timestamp with time zone,
	"date_closed" timestamp with time zone,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "seer_runs" (
	"run_id" text PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"stages" jsonb NOT NULL,
	"root_cause" jsonb,
	"solution" jsonb,
	"changes" jsonb,
	"pull_requests" jsonb,
	"updated_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "writebacks" (
	"issue_id" text PRIMARY KEY NOT NULL,
	"comment_id" text,
	"comment_hash" text,
	"pending_hash" text,
	"comment_written_at" timestamp with time zone,
	"comment_deleted_at" timestamp with time zone,
	"assignment" text,
	"assigned_team" text,
	"assignment_note" text,
	"assigned_at" timestamp with time zone,
	"lease_token" text,
	"lease_until" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "substatus" text;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "status_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "status_rank" integer;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "assignee_type" text;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "assignee_id" text;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "assignee_name" text;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "assignee_seen_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "assignee_rank" integer;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "writeback" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "writeback_changed_by" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "writeback_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "writebacks" ADD CONSTRAINT "writebacks_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "alert_triggers_issue" ON "alert_triggers" USING btree ("issue_id","triggered_at");--> statement-breakpoint
CREATE INDEX "issue_comments_issue" ON "issue_comments" USING btree ("issue_id","created_at");--> statement-breakpoint
CREATE INDEX "seer_runs_issue" ON "seer_runs" USING btree ("issue_id","updated_at");