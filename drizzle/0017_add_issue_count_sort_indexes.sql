CREATE INDEX "issues_most_users" ON "issues" USING btree ("user_count" DESC NULLS FIRST,("id"::numeric) desc);--> statement-breakpoint
CREATE INDEX "issues_most_tenants" ON "issues" USING btree ("tenant_count" DESC NULLS FIRST,("id"::numeric) desc);--> statement-breakpoint
CREATE INDEX "issues_most_events" ON "issues" USING btree ("event_count" DESC NULLS FIRST,("id"::numeric) desc);