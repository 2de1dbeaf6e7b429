import { describe, expect, it } from 'vitest';
import { validateTemplate } from '@relief/engine';
import type { Template } from '@relief/engine';
import { issuesByElement, locateIssue } from './issue-map.js';
import { toGraph } from './template-graph.js';
import { readShipped } from '../test-support/shipped-templates.js';

describe('issue → element', () => {
  it('an unknown target marks its transition and, since it cannot be drawn, its source state', () => {
    const source = readShipped('love-meals').replace(
      '        - target: rejected',
      '        - target: rejectd',
    );
    const { issues, parsed } = validateTemplate(source);
    const graph = toGraph(parsed.value as Template);
    const issue = issues.find((i) => i.code === 'unknown-target')!;
    expect(issue.pointer).toBe('/states/applied/on/review/1/target');
    expect(locateIssue(issue, graph)).toEqual({ kind: 'edge', id: 'on:applied:review:1' });
    expect(
      issuesByElement(issues, graph)
        .get('applied')!
        .map((i) => i.code),
    ).toContain('unknown-target');
  });

  it('maps states, guard expressions, event lists and events', () => {
    const graph = toGraph(validateTemplate(readShipped('love-meals')).template);
    expect(locateIssue({ pointer: '/states/enrolled/states/atGate' }, graph)).toEqual({
      kind: 'state',
      id: 'enrolled.atGate',
    });
    expect(locateIssue({ pointer: '/states/applied/on/review/0/guard' }, graph)).toEqual({
      kind: 'edge',
      id: 'on:applied:review:0',
    });
    expect(locateIssue({ pointer: '/states/applied/on/review' }, graph)).toEqual({
      kind: 'edge',
      id: 'on:applied:review:0',
    });
    expect(locateIssue({ pointer: '/states/applied/after/0/delay' }, graph)).toEqual({
      kind: 'edge',
      id: 'after:applied:0',
    });
    expect(locateIssue({ pointer: '/events/review/roles/0' }, graph)).toEqual({
      kind: 'event',
      id: 'review',
    });
    expect(locateIssue({ pointer: '/initial' }, graph)).toEqual({ kind: 'template' });
  });
});
