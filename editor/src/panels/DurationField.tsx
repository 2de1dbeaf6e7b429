/**
 * A duration as a number and a unit (分钟 / 小时 / 天), written as ISO 8601 (`PT30M`, `PT2H`, `P3D`).
 * A duration the picker cannot show (`P1DT12H`) is edited as text under "other".
 */
import { useState } from 'react';
import { useT } from '../state/editor-context.js';
import { CommitInput } from './CommitInput.js';
import { parseDuration, toIsoDuration } from '../model/index.js';
import type { DurationUnit } from '../model/index.js';

const UNITS: [DurationUnit, 'unitMinutes' | 'unitHours' | 'unitDays'][] = [
  ['minutes', 'unitMinutes'],
  ['hours', 'unitHours'],
  ['days', 'unitDays'],
];

/** The picker. */
export function DurationField({
  value,
  onCommit,
  testId,
}: {
  value: string;
  onCommit: (iso: string) => void;
  testId?: string;
}) {
  const t = useT();
  const parsed = parseDuration(value);
  const [other, setOther] = useState(parsed === undefined && value !== '');
  const n = parsed?.n ?? 1;
  const unit = parsed?.unit ?? 'days';
  return (
    <div className="row" data-testid={testId}>
      {other ? (
        <CommitInput
          value={value}
          placeholder="P1DT12H"
          aria-label={t('durationOther')}
          onCommit={onCommit}
        />
      ) : (
        <CommitInput
          type="number"
          min={1}
          value={String(n)}
          aria-label={t('durationNumber')}
          onCommit={(v) => Number(v) > 0 && onCommit(toIsoDuration(Number(v), unit))}
        />
      )}
      <select
        value={other ? 'other' : unit}
        aria-label={t('delay')}
        onChange={(e) => {
          if (e.target.value === 'other') return setOther(true);
          setOther(false);
          onCommit(toIsoDuration(n, e.target.value as DurationUnit));
        }}
      >
        {UNITS.map(([u, key]) => (
          <option key={u} value={u}>
            {t(key)}
          </option>
        ))}
        <option value="other">{t('durationOther')}</option>
      </select>
    </div>
  );
}
