-- Message and title words are now indexed as stems (lib/analysis/similarity/stack-terms.ts,
-- searchWords), which SQL cannot compute: every indexed issue is queued for the worker's
-- index_similar job, which rewrites its postings and its stored matches. Jobs are claimed in
-- run_after order, so the re-index trickles in at 5 issues a second, most recently seen first:
-- webhook deliveries and new analyses queued meanwhile are never stuck behind the whole backlog
-- (100,000 issues take about 5.5 hours); an issue analysed meanwhile is re-indexed with that analysis.
-- Until an issue's turn its stored words match a query's only where the word is its own stem, and
-- word frequencies are mixed; frames, classes and exception types match as before.
INSERT INTO "jobs" ("kind", "subject_id", "run_after")
SELECT 'index_similar', d."issue_id",
  now() + make_interval(secs => (row_number() OVER (ORDER BY i."last_seen" DESC, d."issue_id") - 1) / 5.0)
FROM "similarity_documents" d JOIN "issues" i ON i."id" = d."issue_id"
ON CONFLICT ("kind", "subject_id") WHERE "status" = 'queued' DO NOTHING;
