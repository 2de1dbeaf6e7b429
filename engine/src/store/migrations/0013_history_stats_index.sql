-- A programme's stats and figures count its history by type and time case by case: from an index alone,
-- not from the heap. The idempotency index keeps only keyed rows (NULL keys never collide). On a large
-- history build the new index first with CREATE INDEX CONCURRENTLY (docs/scaling.md): IF NOT EXISTS skips it here.
DROP INDEX "case_history_case_idempotency_idx";--> statement-breakpoint
CREATE INDEX IF NOT EXISTS "case_history_case_event_at_idx" ON "case_history" USING btree ("case_id","event_type","at");--> statement-breakpoint
CREATE UNIQUE INDEX "case_history_case_idempotency_idx" ON "case_history" USING btree ("case_id","idempotency_key") WHERE "case_history"."idempotency_key" is not null;
