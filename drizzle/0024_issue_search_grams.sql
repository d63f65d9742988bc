CREATE TABLE "issue_search_grams" (
	"issue_id" text PRIMARY KEY NOT NULL,
	"grams" text[] NOT NULL
);
--> statement-breakpoint
ALTER TABLE "issue_search_grams" ADD CONSTRAINT "issue_search_grams_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "issue_search_grams_grams" ON "issue_search_grams" USING gin ("grams");--> statement-breakpoint
-- The distinct three-letter pieces of a text, lower-cased as ILIKE compares: the list's search asks
-- for the issues whose pieces include all of the search string's (lib/db/queries/search-candidates.ts).
CREATE FUNCTION sift_search_grams(doc text) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
  SELECT coalesce(array_agg(DISTINCT substr(d, i, 3)), '{}')
  FROM (SELECT lower(doc) AS d) AS t, generate_series(1, length(d) - 2) AS i
$$;--> statement-breakpoint
-- Every writer of an issue's title, culprit or short id (the store statements, the issue webhooks,
-- the poll, bulk loads) keeps its pieces through these triggers; a write that leaves the three
-- alone (every new event updates the counts) does not call the function.
CREATE FUNCTION sift_issue_search_grams() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO issue_search_grams (issue_id, grams)
  VALUES (NEW.id, sift_search_grams(concat_ws(chr(10), NEW.title, NEW.culprit, NEW.short_id)))
  ON CONFLICT (issue_id) DO UPDATE SET grams = excluded.grams;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER issues_search_grams_new AFTER INSERT ON issues
  FOR EACH ROW EXECUTE FUNCTION sift_issue_search_grams();--> statement-breakpoint
CREATE TRIGGER issues_search_grams_changed AFTER UPDATE OF title, culprit, short_id ON issues
  FOR EACH ROW WHEN (OLD.title IS DISTINCT FROM NEW.title OR OLD.culprit IS DISTINCT FROM NEW.culprit
    OR OLD.short_id IS DISTINCT FROM NEW.short_id)
  EXECUTE FUNCTION sift_issue_search_grams();--> statement-breakpoint
INSERT INTO issue_search_grams (issue_id, grams)
SELECT id, sift_search_grams(concat_ws(chr(10), title, culprit, short_id)) FROM issues;
