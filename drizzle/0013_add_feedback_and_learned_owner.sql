CREATE TABLE "feedback" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"issue_id" text NOT NULL,
	"kind" text NOT NULL,
	"verdict" text NOT NULL,
	"value" text,
	"sift_said" text,
	"actor" text NOT NULL,
	"actor_name" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "feedback" ADD CONSTRAINT "feedback_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "feedback_issue" ON "feedback" USING btree ("issue_id","kind","created_at");--> statement-breakpoint
CREATE INDEX "feedback_kind_time" ON "feedback" USING btree ("kind","created_at");--> statement-breakpoint
CREATE INDEX "issues_team_assigned" ON "issues" USING btree ("updated_at") WHERE assignee_type = 'team';