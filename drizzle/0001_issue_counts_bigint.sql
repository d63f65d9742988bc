ALTER TABLE "issues" ALTER COLUMN "sentry_count" SET DATA TYPE bigint;--> statement-breakpoint
ALTER TABLE "issues" ALTER COLUMN "sentry_user_count" SET DATA TYPE bigint;