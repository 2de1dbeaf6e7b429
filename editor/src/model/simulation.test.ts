import { describe, expect, it } from 'vitest';
import {
  activeStates,
  advanceClock,
  sendSimEvent,
  simEvents,
  startSimulation,
} from './simulation.js';
import { sampleValues } from './sample-values.js';
import { loadShipped } from '../test-support/shipped-templates.js';

const HOUR = 3_600_000;
const t0 = new Date('2026-04-07T08:00:00Z');

describe('simulation', () => {
  const template = loadShipped('love-meals');
  const start = (data: Record<string, unknown> = {}) =>
    startSimulation(
      template,
      { ...sampleValues(template.data), ...data },
      sampleValues(template.parameters),
      t0,
    );

  it('starts in the initial state with sample data and offers its events', () => {
    const sim = start();
    expect(sim.error).toBeUndefined();
    expect(activeStates(sim)).toEqual(['applied']);
    expect(simEvents(sim)).toEqual(['assess', 'review']);
    expect(sim.timers.map((t) => t.eventType)).toEqual(['after:applied:0']);
  });

  it('records a guard refusal and walks a case to enrolled, drawing the path', () => {
    let sim = start();
    sim = sendSimEvent(sim, 'review');
    expect(activeStates(sim)).toEqual(['rejected']);
    expect(sim.path).toEqual(['on:applied:review:1']);
    sim = start();
    sim = sendSimEvent(sim, 'assess', { careLevel: 5, mobilityImpaired: true });
    expect(sim.path).toEqual(['on:applied:assess:0']);
    sim = sendSimEvent(sim, 'review');
    expect(activeStates(sim)).toEqual(['enrolled', 'enrolled.prepared']);
    expect(sim.path.at(-1)).toBe('on:applied:review:0');
    sim = sendSimEvent(sim, 'deliver');
    expect(sim.log.at(-1)!.error).toMatch(/not accepted/);
    sim = sendSimEvent(sim, 'assess', { careLevel: 'x' });
    expect(sim.log.at(-1)!.error).toBeTruthy();
  });

  it('keeps each refusal by code and details, so the panel can phrase it and mark the fields', () => {
    let sim = start();
    sim = sendSimEvent(sim, 'assess', { careLevel: 'x' });
    const failure = sim.log.at(-1)!.failure!;
    expect(failure.code).toBe('validation-failed');
    expect((failure.details!.errors as { path: string }[]).map((e) => e.path)).toContain(
      '/careLevel',
    );
    sim = sendSimEvent(sim, 'deliver');
    expect(sim.log.at(-1)!.failure!.code).toBe('event-not-accepted');
  });

  it('sends as a chosen role, refused as the server would when the event does not allow it', () => {
    const allowed = template.events!.assess!.roles!;
    const other = Object.keys(template.roles!).find((r) => !allowed.includes(r))!;
    const refused = sendSimEvent(
      start(),
      'assess',
      { careLevel: 5, mobilityImpaired: true },
      other,
    );
    expect(refused.log.at(-1)!.failure!.code).toBe('role-not-allowed');
    expect(activeStates(refused)).toEqual(['applied']);
    const sent = sendSimEvent(
      start(),
      'assess',
      { careLevel: 5, mobilityImpaired: true },
      allowed[0],
    );
    expect(sent.log.at(-1)!.failure).toBeUndefined();
    expect(sent.log.at(-1)!.role).toBe(allowed[0]);
  });

  it('fires due timers when the clock moves on, and cancels timers of states left', () => {
    let sim = start({ careLevel: 6 });
    sim = advanceClock(sim, 71 * HOUR);
    expect(sim.log).toHaveLength(1);
    sim = advanceClock(sim, 2 * HOUR);
    expect(sim.log.at(-1)!.event).toBe('after:applied:0');
    expect(sim.log.at(-1)!.effects.some((e) => e.kind === 'notify')).toBe(true);
    expect(sim.path).toEqual(['after:applied:0']);
    sim = sendSimEvent(sim, 'review');
    sim = sendSimEvent(sim, 'carryToGate');
    sim = sendSimEvent(sim, 'deliver');
    expect(activeStates(sim)).toContain('enrolled.delivered');
    expect(sim.timers.map((t) => t.eventType)).toEqual(['after:enrolled.delivered:0']);
    sim = advanceClock(sim, 25 * HOUR);
    expect(activeStates(sim)).toContain('enrolled.prepared');
    expect(sim.state!.data.mealsDelivered).toBe(1);
  });

  it('reports data that does not match the schema instead of starting', () => {
    const sim = startSimulation(template, { name: '' }, {}, t0);
    expect(sim.error).toMatch(/case data is invalid/);
    expect(sim.state).toBeUndefined();
  });
});
