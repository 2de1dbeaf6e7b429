/**
 * Checks beyond the schema on the state graph: targets, initial states, declared events, roles
 * and ledgers, final states, reachability and dead ends. Runs only on schema-valid templates.
 */
import { describeIssue } from '../errors/issue-catalog.js';
import type { IssueArgs, IssueCode, TemplateIssue } from '../errors/issue-catalog.js';
import { actionReferences } from './action-kinds.js';
import type { ReferenceKind } from './action-kinds.js';
import { ancestry, indexStates, resolveTarget } from './state-index.js';
import type { IndexedState, StateIndex } from './state-index.js';
import { toTransitions } from './template.js';
import type { Action, Template, Transition } from './template.js';
import { escapeSegment, locatePointer } from './parse-template-source.js';
import type { ParsedSource } from './parse-template-source.js';

/** Where a transition sits, for walking all of them once. */
export interface TransitionSite {
  state: IndexedState;
  /** `on` event name, or undefined for a timer. */
  event: string | undefined;
  transition: Transition;
  pointer: string;
}

/** Every transition of every state (`on` and `after`), in document order. */
export function listTransitions(index: StateIndex): TransitionSite[] {
  const sites: TransitionSite[] = [];
  for (const state of index.values()) {
    for (const [event, spec] of Object.entries(state.def.on ?? {})) {
      const single = !Array.isArray(spec);
      toTransitions(spec).forEach((transition, i) => {
        const pointer = `${state.pointer}/on/${escapeSegment(event)}${single ? '' : `/${i}`}`;
        sites.push({ state, event, transition, pointer });
      });
    }
    (state.def.after ?? []).forEach((timer, i) =>
      sites.push({
        state,
        event: undefined,
        transition: timer,
        pointer: `${state.pointer}/after/${i}`,
      }),
    );
  }
  return sites;
}

/** Every action list in the template with its pointer. */
export function listActions(
  index: StateIndex,
  sites: readonly TransitionSite[],
): { action: Action; pointer: string; site?: TransitionSite }[] {
  const out: { action: Action; pointer: string; site?: TransitionSite }[] = [];
  for (const site of sites)
    (site.transition.actions ?? []).forEach((action, i) =>
      out.push({ action, pointer: `${site.pointer}/actions/${i}`, site }),
    );
  for (const state of index.values()) {
    for (const list of ['entry', 'exit'] as const)
      (state.def[list] ?? []).forEach((action, i) =>
        out.push({ action, pointer: `${state.pointer}/${list}/${i}` }),
      );
  }
  return out;
}

/** Run the structural checks. */
export function checkTemplateStructure(template: Template, parsed: ParsedSource): TemplateIssue[] {
  const issues: TemplateIssue[] = [];
  const report = (code: IssueCode, pointer: string, args: IssueArgs = {}, key = false) =>
    issues.push({
      code,
      ...describeIssue(code, args),
      pointer,
      ...locatePointer(parsed, pointer, { key }),
    });

  const index = indexStates(template);
  const sites = listTransitions(index);
  const events = Object.keys(template.events ?? {});
  const roles = Object.keys(template.roles ?? {});
  const ledgers = Object.keys(template.ledgers ?? {});

  if (!(template.initial in template.states))
    report('initial-missing', '/initial', {
      name: template.initial,
      known: Object.keys(template.states),
    });
  for (const state of index.values()) {
    const children = Object.keys(state.def.states ?? {});
    if (state.def.type === 'final') {
      if (children.length > 0) report('final-with-children', `${state.pointer}/states`, {}, true);
      for (const key of ['on', 'after'] as const)
        if (state.def[key])
          report('final-has-transitions', `${state.pointer}/${key}`, { name: key }, true);
    } else if (state.kind === 'parallel') {
      if (state.def.initial !== undefined)
        report('initial-on-parallel', `${state.pointer}/initial`);
      if (children.length < 2) report('parallel-without-regions', state.pointer, {}, true);
    } else if (state.kind === 'compound') {
      if (state.def.initial === undefined)
        report('initial-missing', state.pointer, { known: children }, true);
      else if (!children.includes(state.def.initial))
        report('initial-missing', `${state.pointer}/initial`, {
          name: state.def.initial,
          known: children,
        });
    }
    (state.def.roles ?? []).forEach((role, i) => {
      if (!roles.includes(role))
        report('undeclared-role', `${state.pointer}/roles/${i}`, { name: role, known: roles });
    });
  }

  for (const [name, event] of Object.entries(template.events ?? {})) {
    (event.roles ?? []).forEach((role, i) => {
      if (!roles.includes(role))
        report('undeclared-role', `/events/${escapeSegment(name)}/roles/${i}`, {
          name: role,
          known: roles,
        });
    });
  }

  const reportedEvents = new Set<string>();
  for (const site of sites) {
    if (site.event !== undefined && !events.includes(site.event)) {
      const pointer = `${site.state.pointer}/on/${escapeSegment(site.event)}`;
      if (!reportedEvents.has(pointer))
        report('undeclared-event', pointer, { name: site.event, known: events }, true);
      reportedEvents.add(pointer);
    }
    if (
      site.transition.target !== undefined &&
      !resolveTarget(index, site.state.id, site.transition.target)
    ) {
      report(
        'unknown-target',
        typeof site.state.def.on?.[site.event ?? ''] === 'string'
          ? site.pointer
          : `${site.pointer}/target`,
        { name: site.transition.target, known: [...index.keys()] },
      );
    }
  }
  for (const state of index.values()) {
    for (const [event, spec] of Object.entries(state.def.on ?? {})) {
      // In an ordered list, the first unguarded transition always wins: anything after it is dead.
      if (!Array.isArray(spec)) continue;
      const firstUnguarded = spec.findIndex((t) => t.guard === undefined);
      for (let i = firstUnguarded + 1; firstUnguarded >= 0 && i < spec.length; i++)
        report('shadowed-transition', `${state.pointer}/on/${escapeSegment(event)}/${i}`);
    }
  }

  const declared: Record<ReferenceKind, { code: IssueCode; known: string[] }> = {
    role: { code: 'undeclared-role', known: roles },
    ledger: { code: 'undeclared-ledger', known: ledgers },
    'data-field': {
      code: 'unknown-data-field',
      known: Object.keys(template.data?.properties ?? {}),
    },
    event: { code: 'undeclared-event', known: events },
  };
  for (const { action, pointer } of listActions(index, sites)) {
    for (const ref of actionReferences(action)) {
      const { code, known } = declared[ref.kind];
      if (!known.includes(ref.name))
        report(code, `${pointer}${ref.pointer}`, { name: ref.name, known }, ref.atKey);
    }
  }

  if (issues.every((i) => i.code !== 'unknown-target' && i.code !== 'initial-missing'))
    checkReachability(template, index, sites, report);
  return issues;
}

/** Reachable states by simulating entry from `initial`; dead ends are non-final leaves nothing leaves. */
function checkReachability(
  template: Template,
  index: StateIndex,
  sites: readonly TransitionSite[],
  report: (code: IssueCode, pointer: string, args: IssueArgs, key: boolean) => void,
) {
  const outgoing = new Map<string, string[]>();
  for (const site of sites) {
    const list = outgoing.get(site.state.id) ?? [];
    const target =
      site.transition.target === undefined
        ? undefined
        : resolveTarget(index, site.state.id, site.transition.target);
    if (target) list.push(target);
    outgoing.set(site.state.id, list);
  }
  const reached = new Set<string>();
  const queue: string[] = [];
  const enter = (id: string) => {
    for (const a of ancestry(index, id)) {
      if (reached.has(a)) continue;
      reached.add(a);
      queue.push(a);
    }
    const state = index.get(id)!;
    if (state.kind === 'compound' && state.def.initial) enter(`${id}.${state.def.initial}`);
    if (state.kind === 'parallel')
      for (const child of Object.keys(state.def.states ?? {})) enter(`${id}.${child}`);
  };
  enter(template.initial);
  while (queue.length > 0)
    for (const target of outgoing.get(queue.shift()!) ?? [])
      if (!reached.has(target)) enter(target);

  for (const state of index.values()) {
    if (!reached.has(state.id)) {
      // Report only the outermost unreachable state, not each of its children again.
      if (!state.parentId || reached.has(state.parentId))
        report('unreachable-state', state.pointer, { name: state.id }, true);
      continue;
    }
    if (state.kind !== 'atomic') continue;
    const hasWayOut = ancestry(index, state.id).some((id) => {
      const def = index.get(id)!.def;
      return Object.keys(def.on ?? {}).length > 0 || (def.after ?? []).length > 0;
    });
    if (!hasWayOut) report('dead-end', state.pointer, { name: state.id }, true);
  }
}
