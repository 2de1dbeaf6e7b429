/** A running simulation: current state, event buttons (with forms), clock and timers, ledger, history. */
import { useState } from 'react';
import { CASE_TIMER_STATE, isTimerEvent, labelText } from '@relief/engine';
import type { CaseEffect, Template } from '@relief/engine';
import type { Lang } from '../model/index.js';
import { useActions, useEditor, useT } from '../state/editor-context.js';
import { SchemaForm } from './SchemaForm.js';
import type { SimFailure, Simulation } from '../model/index.js';
import { fieldMarks, simFailureText } from './sim-text.js';

const MINUTE = 60_000;
const CLOCK_STEPS: [string, string, number][] = [
  ['+30分钟', '+30 min', 30 * MINUTE],
  ['+1小时', '+1 h', 60 * MINUTE],
  ['+1天', '+1 day', 1440 * MINUTE],
];

/**
 * The line each effect adds under its history entry, or none. One entry per effect kind: a new
 * kind must decide here how the simulator shows it.
 */
const EFFECT_LINE: {
  [K in CaseEffect['kind']]: (
    effect: Extract<CaseEffect, { kind: K }>,
    template: Template,
    lang: Lang,
  ) => string | undefined;
} = {
  notify: (e, template, lang) =>
    `✉ ${labelText(template.roles?.[e.role], lang) ?? e.role}: ${labelText(e.message, lang)}`,
  // Entering and leaving states shows as the entry's "from → to"; the others in the panels above.
  enter: () => undefined,
  exit: () => undefined,
  ledger: () => undefined,
  emit: () => undefined,
  assign: () => undefined,
  schedule: (e, template, lang) =>
    `◷ ${labelText(template.events?.[e.event]?.title, lang) ?? e.event} +${e.delay}`,
};

function effectLine(effect: CaseEffect, template: Template, lang: Lang): string | undefined {
  const line = EFFECT_LINE[effect.kind] as (
    effect: CaseEffect,
    template: Template,
    lang: Lang,
  ) => string | undefined;
  return line(effect, template, lang);
}

/** The run view. */
export function SimulatorRun({
  sim,
  active,
  events,
}: {
  sim: Simulation;
  active: string[];
  events: string[];
}) {
  const t = useT();
  const { simulation } = useActions();
  const lang = useEditor((s) => s.lang);
  const nodes = useEditor((s) => s.graph.nodes);
  const [open, setOpen] = useState<string | undefined>();
  const [payload, setPayload] = useState<Record<string, unknown>>({});
  // A refused send keeps its form open with the fields marked.
  const [refused, setRefused] = useState<SimFailure | undefined>();
  const [role, setRole] = useState<string>('');
  const template = sim.compiled.template;
  const roleTitle = (r: string) => labelText(template.roles?.[r], lang) ?? r;
  const stateTitle = (id: string) => labelText(nodes.find((n) => n.id === id)?.title, lang) ?? id;
  const leaves = active.filter((id) => !active.some((other) => other.startsWith(`${id}.`)));
  // The designer's own clock (the simulated case starts now, here).
  const time = (d: Date | string) =>
    new Date(d).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', {
      dateStyle: 'short',
      timeStyle: 'short',
    });
  const send = (type: string) => {
    const form = template.events?.[type]?.form;
    // The server refuses a role before it reads the form: so does the simulator, without asking
    // for a form the chosen role may not send.
    const allowed = template.events?.[type]?.roles;
    if (role && allowed && !allowed.includes(role)) {
      simulation.send(type, {}, role);
      setRefused(undefined);
      setOpen(undefined);
      return;
    }
    if (form && open !== type) {
      setOpen(type);
      setPayload({});
      setRefused(undefined);
      return;
    }
    const entry = simulation.send(type, form ? payload : {}, role || undefined);
    if (form && entry?.failure?.code === 'validation-failed') return setRefused(entry.failure);
    setRefused(undefined);
    setOpen(undefined);
  };
  const roles = Object.keys(template.roles ?? {});
  return (
    <div data-testid="simulator-run">
      <div className="row">
        <h3>
          {t('simCurrent')}:{' '}
          <span data-testid="sim-current">{leaves.map(stateTitle).join(' + ')}</span>
        </h3>
        <button className="fixed" onClick={simulation.reset} data-testid="sim-reset">
          ↺ {t('simReset')}
        </button>
      </div>
      {sim.done && <p className="check-ok">{t('simDone')}</p>}
      <h4>{t('simSend')}</h4>
      {roles.length > 0 && (
        <label className="sim-role">
          {t('simAsRole')}{' '}
          <select value={role} onChange={(e) => setRole(e.target.value)} data-testid="sim-role">
            <option value="">{t('simAnyRole')}</option>
            {roles.map((r) => (
              <option key={r} value={r}>
                {roleTitle(r)}
              </option>
            ))}
          </select>
        </label>
      )}
      <div className="sim-events">
        {events.length === 0 && <span className="hint">{t('simNoEvents')}</span>}
        {events.map((type) => (
          <button
            key={type}
            data-event={type}
            className={open === type ? 'primary' : ''}
            onClick={() => send(type)}
            title={(template.events?.[type]?.roles ?? [])
              .map(roleTitle)
              .join(lang === 'zh' ? '、' : ', ')}
          >
            {labelText(template.events?.[type]?.title, lang) ?? type}
            {template.events?.[type]?.form ? ' ✎' : ''}
          </button>
        ))}
      </div>
      {open && (
        <div className="card" data-testid="sim-form">
          {refused && (
            <p className="check-bad" data-testid="sim-form-refused">
              {t('engine.invalid-payload')}
            </p>
          )}
          <SchemaForm
            schema={template.events?.[open]?.form}
            value={payload}
            onChange={setPayload}
            idPrefix={`sim-ev-${open}`}
            invalid={fieldMarks(refused, template.events?.[open]?.form, lang)}
          />
          <p>
            <button className="primary" onClick={() => send(open)} data-testid="sim-send">
              {t('send')}
            </button>{' '}
            <button onClick={() => (setOpen(undefined), setRefused(undefined))}>
              {t('cancel')}
            </button>
          </p>
        </div>
      )}
      <h4>
        {t('simClock')}: {time(sim.now)} <span className="hint">（{t('simLocalTime')}）</span>
      </h4>
      <div className="sim-events">
        {CLOCK_STEPS.map(([zh, en, ms]) => (
          <button key={ms} onClick={() => simulation.advance(ms)}>
            {lang === 'zh' ? zh : en}
          </button>
        ))}
        <button
          disabled={sim.timers.length === 0}
          onClick={simulation.nextTimer}
          data-testid="sim-next-timer"
        >
          » {t('simNextTimer')}
        </button>
      </div>
      {sim.timers.length > 0 && (
        <ul className="sim-log">
          {sim.timers.map((timer, i) => (
            <li key={i}>
              ◷{' '}
              {timer.state === CASE_TIMER_STATE
                ? (labelText(template.events?.[timer.eventType]?.title, lang) ?? timer.eventType)
                : stateTitle(timer.state)}{' '}
              · {time(timer.dueAt)}
            </li>
          ))}
        </ul>
      )}
      {Object.keys(sim.ledger).length > 0 && (
        <>
          <h4>{t('simLedger')}</h4>
          {Object.entries(sim.ledger).map(([name, balance]) => (
            <div key={name}>
              {labelText(template.ledgers?.[name]?.title, lang) ?? name}: {balance}
            </div>
          ))}
        </>
      )}
      <h4>{t('simLog')}</h4>
      <ol className="sim-log" data-testid="sim-log">
        {sim.log.map((entry, i) => (
          <li key={i} className={entry.error ? 'refused' : ''}>
            {time(entry.at)} ·{' '}
            <b>
              {isTimerEvent(entry.event)
                ? '◷'
                : entry.event === '(start)'
                  ? t('simStartEntry')
                  : (labelText(template.events?.[entry.event]?.title, lang) ?? entry.event)}
            </b>
            {entry.role && <span className="hint"> ({roleTitle(entry.role)})</span>}
            {entry.error
              ? ` ✗ ${simFailureText(entry.failure, entry.error, lang, template, template.events?.[entry.event]?.form, { role: entry.role })}`
              : ` → ${entry.to
                  .filter((id) => !entry.to.some((o) => o.startsWith(`${id}.`)))
                  .map(stateTitle)
                  .join(' + ')}`}
            {entry.effects
              .map((e) => effectLine(e, template, lang))
              .filter((line) => line !== undefined)
              .map((line, j) => (
                <div key={j} className="hint">
                  {line}
                </div>
              ))}
          </li>
        ))}
      </ol>
      <h4>{t('simData')}</h4>
      <pre className="card" style={{ whiteSpace: 'pre-wrap', fontSize: 11 }}>
        {JSON.stringify(sim.state?.data, null, 1)}
      </pre>
    </div>
  );
}
