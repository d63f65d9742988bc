CREATE TABLE "issue_terms" (
	"issue_id" text NOT NULL,
	"term" text NOT NULL,
	"weight" real NOT NULL,
	CONSTRAINT "issue_terms_issue_id_term_pk" PRIMARY KEY("issue_id","term")
);
--> statement-breakpoint
CREATE TABLE "similar_issues" (
	"issue_id" text NOT NULL,
	"similar_id" text NOT NULL,
	"score" double precision NOT NULL,
	"why" jsonb NOT NULL,
	"duplicate" boolean DEFAULT false NOT NULL,
	"computed_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "similar_issues_issue_id_similar_id_pk" PRIMARY KEY("issue_id","similar_id")
);
--> statement-breakpoint
CREATE TABLE "similarity_corpus" (
	"id" smallint PRIMARY KEY NOT NULL,
	"documents" integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE "similarity_documents" (
	"issue_id" text PRIMARY KEY NOT NULL,
	"frames" text[] NOT NULL,
	"indexed_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "similarity_terms" (
	"term" text PRIMARY KEY NOT NULL,
	"documents" integer NOT NULL
);
--> statement-breakpoint
ALTER TABLE "analyses" ADD COLUMN "summary_facts" jsonb;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "resolved_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "resolved_in_release" text;--> statement-breakpoint
ALTER TABLE "issue_terms" ADD CONSTRAINT "issue_terms_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similar_issues" ADD CONSTRAINT "similar_issues_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similar_issues" ADD CONSTRAINT "similar_issues_similar_id_issues_id_fk" FOREIGN KEY ("similar_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "similarity_documents" ADD CONSTRAINT "similarity_documents_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_terms_term" ON "issue_terms" USING btree ("term","weight","issue_id");