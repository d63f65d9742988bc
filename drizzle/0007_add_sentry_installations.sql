CREATE TABLE "sentry_installations" (
	"uuid" text PRIMARY KEY NOT NULL,
	"org_slug" text NOT NULL,
	"org_id" text,
	"app_slug" text,
	"status" text NOT NULL,
	"grant_code" text,
	"grant_received_at" timestamp with time zone,
	"token_ciphertext" text,
	"refresh_token_ciphertext" text,
	"token_expires_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"deleted_at" timestamp with time zone,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "projects" ADD COLUMN "org_slug" text;--> statement-breakpoint
CREATE INDEX "sentry_installations_org" ON "sentry_installations" USING btree ("org_slug","created_at");