-- Message and title words are now indexed as stems (lib/analysis/similarity/stack-terms.ts,
-- searchWords), which SQL cannot compute: every indexed issue is queued for the worker's
-- index_similar job, oldest first, which rewrites its postings and its stored matches. Until an
-- issue's turn comes its words match only the same word as written; frames, classes and exception
-- types match as before.
INSERT INTO "jobs" ("kind", "subject_id")
SELECT 'index_similar', d."issue_id"
FROM "similarity_documents" d JOIN "issues" i ON i."id" = d."issue_id"
ORDER BY i."first_seen", d."issue_id"
ON CONFLICT ("kind", "subject_id") WHERE "status" = 'queued' DO NOTHING;
