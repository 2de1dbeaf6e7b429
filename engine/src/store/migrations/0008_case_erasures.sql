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
CREATE INDEX "case_erasures_case_idx" ON "case_erasures" USING btree ("case_id");