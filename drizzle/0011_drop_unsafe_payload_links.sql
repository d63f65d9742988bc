-- Links from payloads are now checked when stored (lib/sentry/payload-links.ts); rows stored
-- before that may hold a javascript: or other non-http(s) URL. Only the scheme can be checked
-- here (the allowed Sentry hosts are configuration): the page's own guard covers the rest.
UPDATE "issues" SET "permalink" = NULL WHERE "permalink" IS NOT NULL AND "permalink" !~* '^https?://[^/@]+(/|$)';
--> statement-breakpoint
UPDATE "metric_alerts" SET "web_url" = NULL WHERE "web_url" IS NOT NULL AND "web_url" !~* '^https?://[^/@]+(/|$)';
