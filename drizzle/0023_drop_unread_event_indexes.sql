DROP INDEX "events_environment";--> statement-breakpoint
DROP INDEX "events_release";--> statement-breakpoint
DROP INDEX "events_search";