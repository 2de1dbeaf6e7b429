ALTER TABLE "programme_param_changes" RENAME TO "programme_changes";--> statement-breakpoint
ALTER TABLE "programme_changes" DROP CONSTRAINT "programme_param_changes_programme_id_programmes_id_fk";
--> statement-breakpoint
DROP INDEX "programme_param_changes_programme_idx";--> statement-breakpoint
ALTER TABLE "programme_changes" ADD COLUMN "kind" text DEFAULT 'params' NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_programme_id_programmes_id_fk" FOREIGN KEY ("programme_id") REFERENCES "public"."programmes"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "programme_changes_programme_idx" ON "programme_changes" USING btree ("programme_id","id");--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_kind" CHECK ("programme_changes"."kind" in ('params', 'status'));