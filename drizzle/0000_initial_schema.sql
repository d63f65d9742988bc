CREATE TABLE "analyses" (
	"issue_id" text NOT NULL,
	"version" integer NOT NULL,
	"analyser_version" text NOT NULL,
	"summary" text NOT NULL,
	"owner" jsonb NOT NULL,
	"blast_radius" jsonb NOT NULL,
	"in_app_frames" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "analyses_issue_id_version_pk" PRIMARY KEY("issue_id","version")
);
--> statement-breakpoint
CREATE TABLE "deliveries" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"request_id" text,
	"resource" text NOT NULL,
	"action" text NOT NULL,
	"dedupe_key" text NOT NULL,
	"installation_uuid" text,
	"outcome" text NOT NULL,
	"body" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "events" (
	"id" text PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"project_id" text NOT NULL,
	"occurred_at" timestamp with time zone NOT NULL,
	"platform" text,
	"title" text,
	"message" text,
	"exception_type" text,
	"exception_value" text,
	"user_id" text,
	"tenant_id" text,
	"roles" text[] DEFAULT '{}'::text[] NOT NULL,
	"release" text,
	"environment" text,
	"trace_id" text,
	"url" text,
	"tags" jsonb NOT NULL,
	"frames" jsonb NOT NULL,
	"received_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "issues" (
	"id" text PRIMARY KEY NOT NULL,
	"short_id" text,
	"project_id" text NOT NULL,
	"title" text NOT NULL,
	"culprit" text,
	"level" text,
	"status" text DEFAULT 'unresolved' NOT NULL,
	"platform" text,
	"permalink" text,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"sentry_count" integer,
	"sentry_user_count" integer,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "jobs" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"subject_id" text NOT NULL,
	"status" text DEFAULT 'queued' NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"run_after" timestamp with time zone DEFAULT now() NOT NULL,
	"locked_until" timestamp with time zone,
	"last_error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "projects" (
	"id" text PRIMARY KEY NOT NULL,
	"slug" text,
	"name" text,
	"platform" text
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD CONSTRAINT "analyses_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "events" ADD CONSTRAINT "events_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issues" ADD CONSTRAINT "issues_project_id_projects_id_fk" FOREIGN KEY ("project_id") REFERENCES "public"."projects"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "deliveries_dedupe_key" ON "deliveries" USING btree ("dedupe_key");--> statement-breakpoint
CREATE INDEX "events_issue_occurred" ON "events" USING btree ("issue_id","occurred_at" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "events_trace" ON "events" USING btree ("trace_id");--> statement-breakpoint
CREATE INDEX "issues_last_seen" ON "issues" USING btree ("last_seen" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE UNIQUE INDEX "jobs_one_queued_per_subject" ON "jobs" USING btree ("kind","subject_id") WHERE status = 'queued';--> statement-breakpoint
CREATE INDEX "jobs_claim" ON "jobs" USING btree ("status","run_after");