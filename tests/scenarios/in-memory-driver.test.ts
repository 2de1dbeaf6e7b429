/** The in-memory driver's own bookkeeping: timer order and clock, history, cancellation. */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EngineError } from '@relief/engine';
import { TEMPLATES_DIR, createInMemoryProgramme, loadTemplate } from './in-memory-driver.js';
import { HOUR, MINUTE, START, expectRefusal } from './scenario-helpers.js';

const at = (ms: number) => new Date(START.getTime() + ms);

describe('in-memory driver', () => {
  it('fires due timers across cases in due order, each at its own due time', async () => {
    const driver = createInMemoryProgramme('medical-pass', {}, START);
    const a = await driver.open({ kind: 'dialysis', name: 'A', phone: '1' });
    await driver.advance(30 * MINUTE);
    const b = await driver.open({ kind: 'dialysis', name: 'B', phone: '2', urgent: true });
    await driver.advance(2 * HOUR);
    expect(driver.now()).toEqual(at(2 * HOUR + 30 * MINUTE));
    // B escalates at 0:45, A at 1:00; their hourly reminders follow at 1:45 and 2:00.
    expect((await driver.notifications()).map((n) => n.caseId)).toEqual([b.id, a.id, b.id, a.id]);
    const history = await driver.history(a.id);
    expect(history.map((h) => [h.type, h.from, h.to, h.roles, h.at.toISOString()])).toEqual([
      ['(open)', null, 'requested', null, START.toISOString()],
      ['after:requested:1', 'requested', 'escalated', null, at(HOUR).toISOString()],
      ['after:escalated:0', 'escalated', 'escalated', null, at(2 * HOUR).toISOString()],
    ]);
    expect(
      (await driver.pendingTimers()).map((t) => [t.caseId, t.eventType, t.dueAt.toISOString()]),
    ).toEqual([
      [b.id, 'after:escalated:0', at(2 * HOUR + 45 * MINUTE).toISOString()],
      [a.id, 'after:escalated:0', at(3 * HOUR).toISOString()],
    ]);
    expect(await driver.timerFailures()).toEqual([]);
  });

  it('cancels the timers of a state when it is left, and records who sent each event', async () => {
    const driver = createInMemoryProgramme('medical-pass', {}, START);
    const c = await driver.open({ kind: 'prenatal', name: 'C', phone: '3' });
    expect((await driver.pendingTimers()).map((t) => t.eventType)).toEqual([
      'after:requested:0',
      'after:requested:1',
    ]);
    await driver.send(c.id, 'triage', { urgent: true }, ['hotline']);
    expect((await driver.pendingTimers()).map((t) => t.eventType)).toEqual(['after:triaged:0']);
    await driver.send(c.id, 'issuePass', {}, ['committee']);
    expect((await driver.pendingTimers()).map((t) => [t.eventType, t.dueAt.toISOString()])).toEqual(
      [['after:passIssued:0', at(12 * HOUR).toISOString()]],
    );
    expect((await driver.history(c.id)).map((h) => h.roles)).toEqual([
      null,
      ['hotline'],
      ['committee'],
    ]);
  });

  it('refuses an unknown case and a negative advance', async () => {
    const driver = createInMemoryProgramme('farmer-sales', {}, START);
    const error = await expectRefusal(driver.get('case-404'), EngineError, 'case-not-found');
    expect(error.kind).toBe('not-found');
    await expect(driver.advance(-1)).rejects.toThrow(RangeError);
  });

  it('fails loudly on a template that does not exist', () => {
    expect(() => createInMemoryProgramme('no-such-template', {}, START)).toThrow(
      /no-such-template\.yaml/,
    );
  });

  it('fails loudly with every located finding on an invalid template', () => {
    const dir = mkdtempSync(join(tmpdir(), 'relief-templates-'));
    try {
      const source = readFileSync(join(TEMPLATES_DIR, 'farmer-sales.yaml'), 'utf8').replace(
        'verify: verified',
        'verify: verifed',
      );
      writeFileSync(join(dir, 'broken.yaml'), source);
      expect(() => loadTemplate('broken', dir)).toThrow(
        /broken\.yaml:\d+:\d+: error: .*verifed.* \[unknown-target\]/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
