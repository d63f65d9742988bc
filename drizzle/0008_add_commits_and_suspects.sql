CREATE TABLE "commit_files" (
	"sha" text NOT NULL,
	"path" text NOT NULL,
	CONSTRAINT "commit_files_sha_path_pk" PRIMARY KEY("sha","path")
);
--> statement-breakpoint
CREATE TABLE "commits" (
	"sha" text PRIMARY KEY NOT NULL,
	"repo" text NOT NULL,
	"message" text NOT NULL,
	"author_name" text,
	"author_email" text,
	"committed_at" timestamp with time zone NOT NULL,
	"release" text
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "suspects" jsonb;--> statement-breakpoint
ALTER TABLE "commit_files" ADD CONSTRAINT "commit_files_sha_commits_sha_fk" FOREIGN KEY ("sha") REFERENCES "public"."commits"("sha") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "commit_files_basename" ON "commit_files" USING btree (regexp_replace("path", '^.*/', ''));--> statement-breakpoint
CREATE INDEX "commits_committed_at" ON "commits" USING btree ("committed_at");--> statement-breakpoint
CREATE INDEX "commits_release" ON "commits" USING btree ("release");