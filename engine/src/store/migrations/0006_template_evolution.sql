ALTER TABLE "programme_changes" DROP CONSTRAINT "programme_changes_kind";--> statement-breakpoint
ALTER TABLE "cases" ADD COLUMN "template_version" integer;--> statement-breakpoint
ALTER TABLE "template_versions" ADD COLUMN "publish_note" text;--> statement-breakpoint
ALTER TABLE "template_versions" ADD COLUMN "revision" integer DEFAULT 1 NOT NULL;--> statement-breakpoint
ALTER TABLE "programme_changes" ADD CONSTRAINT "programme_changes_kind" CHECK ("programme_changes"."kind" in ('params', 'status', 'migration'));