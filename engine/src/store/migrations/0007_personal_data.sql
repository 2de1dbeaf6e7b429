CREATE TABLE "case_erasures" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_erasures_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"fields" text[] NOT NULL,
	"reason" text NOT NULL,
	"actor" text,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_erasures_reason" CHECK ("case_erasures"."reason" in ('retention', 'request'))
);
--> statement-breakpoint
CREATE TABLE "case_reads" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "case_reads_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"case_id" uuid NOT NULL,
	"programme_id" uuid NOT NULL,
	"district" text NOT NULL,
	"reader" text NOT NULL,
	"reader_kind" text NOT NULL,
	"via" text NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "case_reads_reader_kind" CHECK ("case_reads"."reader_kind" in ('person', 'key'))
);
--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "fields" text[];--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "granted_by" text;--> statement-breakpoint
ALTER TABLE "webhooks" ADD COLUMN "granted_at" timestamp with time zone;--> statement-breakpoint
CREATE INDEX "case_erasures_case_idx" ON "case_erasures" USING btree ("case_id");--> statement-breakpoint
CREATE INDEX "case_reads_case_idx" ON "case_reads" USING btree ("case_id","at");--> statement-breakpoint
CREATE INDEX "case_reads_reader_idx" ON "case_reads" USING btree ("reader","at");