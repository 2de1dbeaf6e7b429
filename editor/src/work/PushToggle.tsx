/** Alerts on this phone: turn them on or off, and say plainly when the browser cannot give any. */
import { useEffect, useState } from 'react';
import { useLang, useText } from '../shell/lang-store.js';
import { PushUnavailable, disablePush, enablePush, pushStatus } from './push-alerts.js';
import type { PushStatus } from './push-alerts.js';

type Shown = PushStatus | 'checking' | 'working' | 'no-service' | 'failed';

/** The toggle above the Notifications list. */
export function PushToggle() {
  const t = useText();
  const lang = useLang();
  const [shown, setShown] = useState<Shown>('checking');
  useEffect(() => {
    pushStatus().then(setShown, () => setShown('unsupported'));
  }, []);
  if (shown === 'checking' || shown === 'unsupported') return null;

  const turnOn = () => {
    setShown('working');
    enablePush(lang).then(
      () => setShown('on'),
      (error: unknown) =>
        setShown(
          error instanceof PushUnavailable
            ? error.reason === 'blocked'
              ? 'blocked'
              : 'no-service'
            : 'failed',
        ),
    );
  };
  const turnOff = () => {
    setShown('working');
    disablePush().then(
      () => setShown('off'),
      () => setShown('failed'),
    );
  };
  const line: Record<Exclude<Shown, 'checking' | 'unsupported'>, string> = {
    off: t('workPushOff'),
    on: t('workPushOn'),
    working: t('workPushWorking'),
    blocked: t('workPushBlocked'),
    'no-service': t('workPushNoService'),
    failed: t('workPushFailed'),
  };
  return (
    <section className="work-push" data-testid="work-push" data-status={shown}>
      <p role="status">{line[shown]}</p>
      {shown === 'on' ? (
        <button className="work-button small" onClick={turnOff} data-testid="work-push-off">
          {t('workPushTurnOff')}
        </button>
      ) : shown !== 'blocked' ? (
        <button
          className="work-button small"
          onClick={turnOn}
          disabled={shown === 'working'}
          data-testid="work-push-on"
        >
          {t('workPushTurnOn')}
        </button>
      ) : null}
    </section>
  );
}
