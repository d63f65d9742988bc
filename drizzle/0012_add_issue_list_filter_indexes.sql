CREATE INDEX "events_environment" ON "events" USING btree ("environment","issue_id");--> statement-breakpoint
CREATE INDEX "events_release" ON "events" USING btree ("release","issue_id");--> statement-breakpoint
CREATE INDEX "events_search" ON "events" USING gin (to_tsvector('simple', coalesce("message", '') || ' ' || coalesce("exception_value", '')));--> statement-breakpoint
CREATE INDEX "issue_tenants_tenant" ON "issue_tenants" USING btree ("tenant_id","issue_id");--> statement-breakpoint
CREATE INDEX "issue_users_user" ON "issue_users" USING btree ("user_id","issue_id");