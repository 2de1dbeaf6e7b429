/**
 * Warnings about templates that validate but can go wrong at run time: a ledger moved by an amount
 * from the event's payload with nothing keeping its sign (a negative "payment" credits the fund),
 * and a timer that re-enters its own state when nothing else leaves it (it fires forever).
 */
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { listActions, listTransitions } from './check-template-structure.js';
import type { TransitionSite } from './check-template-structure.js';
import { escapeSegment, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';
import { indexStates, resolveTarget } from './state-index.js';
import type { Template } from './template.js';

const EVENT_FIELD = /\bevent\.([A-Za-z_$][\w$]*)/g;

/** Run the hazard checks (warnings only). */
export function checkTemplateHazards(template: Template, parsed: ParsedSource): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const report = (code: IssueCode, pointer: string, args: IssueArgs = {}) =>
    issues.push({ code, ...describeIssue(code, args), pointer, ...locatePointer(parsed, pointer) });
  const index = indexStates(template);
  const sites = listTransitions(index);

  for (const { action, pointer, site } of listActions(index, sites)) {
    if (!('ledger' in action) || !site?.event) continue;
    for (const [ledger, amount] of Object.entries(action.ledger)) {
      if (typeof amount !== 'string') continue;
      for (const [, field] of amount.matchAll(EVENT_FIELD)) {
        if (signKept(template, site, field!)) continue;
        report('ledger-amount-unsigned', `${pointer}/ledger/${escapeSegment(ledger)}`, {
          name: field,
          expected: ledger,
        });
      }
    }
  }

  for (const state of index.values()) {
    const leaves = (target: string | undefined) =>
      target !== undefined && resolveTarget(index, state.id, target) !== state.id;
    const transitions = sites.filter((s) => s.state.id === state.id);
    if (transitions.some((s) => leaves(s.transition.target))) continue;
    (state.def.after ?? []).forEach((timer, i) => {
      if (timer.target !== undefined && !leaves(timer.target))
        report('timer-self-loop', `${state.pointer}/after/${i}`, { name: state.id });
    });
  }
  return issues;
}

/**
 * Is the sign of `event.<field>` kept for this transition: a form minimum of zero or more, or a
 * guard comparing it with a non-negative number (`event.amount > 0`, `0 < event.amount`)?
 */
function signKept(template: Template, site: TransitionSite, field: string): boolean {
  const schema = template.events?.[site.event!]?.form?.properties?.[field] as
    { minimum?: unknown; exclusiveMinimum?: unknown } | undefined;
  const atLeastZero = (bound: unknown) => typeof bound === 'number' && bound >= 0;
  if (atLeastZero(schema?.minimum) || atLeastZero(schema?.exclusiveMinimum)) return true;
  const guard = site.transition.guard ?? '';
  const name = field.replace(/\$/g, '\\$');
  return (
    new RegExp(`\\bevent\\.${name}\\s*>=?\\s*\\d`).test(guard) ||
    new RegExp(`(^|[^\\w.-])\\d[\\d.]*\\s*<=?\\s*event\\.${name}\\b`).test(guard)
  );
}
