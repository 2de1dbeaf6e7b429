import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffTemplates, validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';
import {
  loveMealsV2,
  loveMealsV3,
} from '../../../engine/src/template/love-meals-versions.fixture.js';
import {
  changeDetail,
  changeSubject,
  propertyChanges,
  resolveTarget,
} from './template-change-text.js';

const V1 = readFileSync(new URL('../../../templates/love-meals.yaml', import.meta.url), 'utf8');
const V2 = loveMealsV3(loveMealsV2(V1)).replace('\nversion: 3\n', '\nversion: 2\n');
const checked = (source: string): Template => validateTemplate(source).template!;

describe('the semantic diff in words', () => {
  const older = checked(V1);
  const newer = checked(V2);
  const diff = diffTemplates({ template: older, source: V1 }, { template: newer, source: V2 });

  it('names each change by its titles, in Chinese with no English word', () => {
    const lines = diff.changes.map(
      (c) => `${changeSubject(c, older, newer, 'zh')} ${changeDetail(c, older, newer, 'zh')}`,
    );
    expect(lines).toContain(
      '已入册 › 未能送达 · 再次送餐 去向：已入册 › 已到小区门口 → 已入册 › 已重新加热',
    );
    expect(lines).toContain('暂停送餐 ');
    expect(lines).toContain('过敏食物 ');
    expect(lines.join('\n')).not.toMatch(/[A-Za-z]{3,}/);
  });

  it('gives the old and new value of each changed property, in English too', () => {
    const retry = diff.changes.find((c) => c.kind === 'transition' && c.change === 'changed')!;
    expect(propertyChanges(retry, older, newer, 'en')).toEqual([
      {
        path: '[0].target',
        name: 'target',
        before: 'Enrolled › At the compound gate',
        after: 'Enrolled › Reheated',
      },
    ]);
  });

  it('resolves a target as a sibling, then up the ancestors', () => {
    expect(resolveTarget(newer, 'enrolled.failed', 'atGate')).toBe('enrolled.atGate');
    expect(resolveTarget(older, 'enrolled.failed', 'suspended')).toBe('suspended');
    expect(resolveTarget(older, 'enrolled', 'nowhere')).toBe('nowhere');
  });
});
