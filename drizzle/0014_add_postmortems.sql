CREATE TABLE "postmortem_terms" (
	"postmortem_id" bigint NOT NULL,
	"term" text NOT NULL,
	"tf" real NOT NULL,
	CONSTRAINT "postmortem_terms_postmortem_id_term_pk" PRIMARY KEY("postmortem_id","term")
);
--> statement-breakpoint
CREATE TABLE "postmortems" (
	"id" bigserial PRIMARY KEY NOT NULL,
	"title" text NOT NULL,
	"markdown" text NOT NULL,
	"content_hash" text NOT NULL,
	"source" text,
	"occurred_on" date,
	"created_by" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "postmortem_terms" ADD CONSTRAINT "postmortem_terms_postmortem_id_postmortems_id_fk" FOREIGN KEY ("postmortem_id") REFERENCES "public"."postmortems"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "postmortem_terms_term" ON "postmortem_terms" USING btree ("term");--> statement-breakpoint
CREATE UNIQUE INDEX "postmortems_source" ON "postmortems" USING btree ("source");