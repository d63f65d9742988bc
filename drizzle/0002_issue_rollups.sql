CREATE TABLE "issue_identities" (
	"issue_id" text NOT NULL,
	"identity_key" text NOT NULL,
	"user_id" text,
	"tenant_id" text,
	"roles" text[] NOT NULL,
	"events" bigint NOT NULL,
	CONSTRAINT "issue_identities_issue_id_identity_key_pk" PRIMARY KEY("issue_id","identity_key")
);
--> statement-breakpoint
CREATE TABLE "issue_tenants" (
	"issue_id" text NOT NULL,
	"tenant_id" text NOT NULL,
	CONSTRAINT "issue_tenants_issue_id_tenant_id_pk" PRIMARY KEY("issue_id","tenant_id")
);
--> statement-breakpoint
CREATE TABLE "issue_users" (
	"issue_id" text NOT NULL,
	"user_id" text NOT NULL,
	CONSTRAINT "issue_users_issue_id_user_id_pk" PRIMARY KEY("issue_id","user_id")
);
--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "event_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "user_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "issues" ADD COLUMN "tenant_count" bigint DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE "issue_identities" ADD CONSTRAINT "issue_identities_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_tenants" ADD CONSTRAINT "issue_tenants_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "issue_users" ADD CONSTRAINT "issue_users_issue_id_issues_id_fk" FOREIGN KEY ("issue_id") REFERENCES "public"."issues"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
-- Backfill from events already stored (hand-written; the identity key matches identityKey() in lib/db/queries/events.ts).
INSERT INTO "issue_users" ("issue_id", "user_id") SELECT DISTINCT "issue_id", "user_id" FROM "events" WHERE "user_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "issue_tenants" ("issue_id", "tenant_id") SELECT DISTINCT "issue_id", "tenant_id" FROM "events" WHERE "tenant_id" IS NOT NULL;--> statement-breakpoint
INSERT INTO "issue_identities" ("issue_id", "identity_key", "user_id", "tenant_id", "roles", "events")
SELECT "issue_id",
       md5(coalesce('u' || "user_id", '') || chr(31) || coalesce('t' || "tenant_id", '') || chr(31) || array_to_string("roles", chr(31))),
       "user_id", "tenant_id", "roles", count(*)
FROM "events" GROUP BY "issue_id", "user_id", "tenant_id", "roles";--> statement-breakpoint
UPDATE "issues" i SET
  "event_count" = (SELECT count(*) FROM "events" e WHERE e."issue_id" = i."id"),
  "user_count" = (SELECT count(*) FROM "issue_users" u WHERE u."issue_id" = i."id"),
  "tenant_count" = (SELECT count(*) FROM "issue_tenants" t WHERE t."issue_id" = i."id");
