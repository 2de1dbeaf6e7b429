/** A button that asks for a reason before it acts (pause, resume, close a programme). */
import { useState } from 'react';
import { useText } from '../shell/lang-store.js';

/** The button, then a reason box and confirm. */
export function ReasonAction(props: {
  label: string;
  testId: string;
  onConfirm: (reason: string) => Promise<void>;
  danger?: boolean;
}) {
  const t = useText();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string>();
  if (!open)
    return (
      <button
        className={props.danger ? 'danger' : ''}
        onClick={() => setOpen(true)}
        data-testid={props.testId}
      >
        {props.label}
      </button>
    );
  return (
    <span className="reason-box">
      <input
        placeholder={t('reason')}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        aria-label={t('reason')}
        data-testid={`${props.testId}-reason`}
      />
      <button
        className="primary"
        data-testid={`${props.testId}-confirm`}
        onClick={() => {
          if (!reason.trim()) return setError(t('reasonRequired'));
          void props.onConfirm(reason.trim()).then(
            () => setOpen(false),
            () => undefined,
          );
        }}
      >
        {t('confirm')} {props.label}
      </button>
      <button onClick={() => setOpen(false)}>{t('cancel')}</button>
      {error && <span className="form-error">{error}</span>}
    </span>
  );
}
