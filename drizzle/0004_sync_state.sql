CREATE TABLE "sync_state" (
	"name" text PRIMARY KEY NOT NULL,
	"synced_until" timestamp with time zone NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
