CREATE TABLE "similarity_term_projects" (
	"term" text NOT NULL,
	"project_id" text NOT NULL,
	"documents" integer NOT NULL,
	CONSTRAINT "similarity_term_projects_term_project_id_pk" PRIMARY KEY("term","project_id")
);
--> statement-breakpoint
ALTER TABLE "similarity_documents" ADD COLUMN "project_id" text;--> statement-breakpoint
ALTER TABLE "similarity_terms" ADD COLUMN "projects" integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Backfill the project counts from the postings as they stand (title terms, `t:`, carry none);
-- posting weights written before keep the IDF of their time, as every posting does.
UPDATE "similarity_documents" d SET "project_id" = i."project_id" FROM "issues" i WHERE i."id" = d."issue_id";--> statement-breakpoint
INSERT INTO "similarity_term_projects" ("term", "project_id", "documents")
SELECT t."term", i."project_id", count(*) FROM "issue_terms" t JOIN "issues" i ON i."id" = t."issue_id"
WHERE t."term" NOT LIKE 't:%' GROUP BY t."term", i."project_id";--> statement-breakpoint
UPDATE "similarity_terms" s SET "projects" = c."projects"
FROM (SELECT "term", count(*)::int AS "projects" FROM "similarity_term_projects" GROUP BY "term") c
WHERE c."term" = s."term";
