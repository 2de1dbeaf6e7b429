-- Custom SQL migration file, put your code below! ---- The access log is an audit trail: rows are appended, never changed or removed.
CREATE FUNCTION relief_refuse_access_log_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION 'case_reads is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
--> statement-breakpoint
CREATE TRIGGER case_reads_append_only BEFORE UPDATE OR DELETE ON case_reads
  FOR EACH ROW EXECUTE FUNCTION relief_refuse_access_log_change();
--> statement-breakpoint
CREATE TRIGGER case_reads_no_truncate BEFORE TRUNCATE ON case_reads
  FOR EACH STATEMENT EXECUTE FUNCTION relief_refuse_access_log_change();
