-- Custom SQL migration file, put your code below! ---- The history stays append-only, with one exception: erasing personal data may rewrite a row's
-- payload (nothing else) inside a transaction that declared it with `set_config('relief.erasure', 'on', true)`.
CREATE OR REPLACE FUNCTION relief_refuse_history_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'UPDATE' AND current_setting('relief.erasure', true) = 'on'
     AND NEW.case_id = OLD.case_id AND NEW.seq = OLD.seq AND NEW.event_type = OLD.event_type
     AND NEW.at = OLD.at AND NEW.to_state = OLD.to_state
     AND NEW.from_state IS NOT DISTINCT FROM OLD.from_state
     AND NEW.actor IS NOT DISTINCT FROM OLD.actor THEN
    RETURN NEW;
  END IF;
  RAISE EXCEPTION 'case_history is append-only: % refused', TG_OP USING ERRCODE = 'insufficient_privilege';
END;
$$;
