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
ALTER TABLE "issues" ADD COLUMN "assigned_to" jsonb;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "writeback" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "writeback_changed_by" text;--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "writeback_changed_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "writebacks" ADD CONSTRAINT "writebacks_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;