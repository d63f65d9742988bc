CREATE TABLE "issue_search_texts" (
	"issue_id" text NOT NULL,
	"text_key" text NOT NULL,
	"words" "tsvector" NOT NULL,
	CONSTRAINT "issue_search_texts_issue_id_text_key_pk" PRIMARY KEY("issue_id","text_key")
);
--> statement-breakpoint
ALTER TABLE "issue_search_texts" ADD CONSTRAINT "issue_search_texts_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_search_texts_words" ON "issue_search_texts" USING gin ("words");--> statement-breakpoint
CREATE INDEX "issue_hour_identities_who" ON "issue_hour_identities" USING btree ("issue_id","hour","user_id","tenant_id");--> statement-breakpoint
-- Backfill: each issue's distinct texts, as eventSearchText (lib/db/event-search.ts) spells them.
INSERT INTO "issue_search_texts" ("issue_id", "text_key", "words")
SELECT "issue_id", md5("text"), to_tsvector('simple', "text")
FROM (SELECT DISTINCT "issue_id", coalesce("message", '') || ' ' || coalesce("exception_value", '') AS "text" FROM "events") AS "texts";
--> statement-breakpoint
-- Statistics for the planner now, not when autovacuum gets round to a table filled at once.
ANALYZE "issue_search_texts";
