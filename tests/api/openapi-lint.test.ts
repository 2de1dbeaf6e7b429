/**
 * The OpenAPI document passes Redocly's linter (`@redocly/openapi-core`, the engine of
 * `redocly lint`) with its `recommended-strict` rules: zero problems, warnings included. It is also
 * complete: every path of the DESIGN.md table is in it.
 */
import { createConfig, lintFromString } from '@redocly/openapi-core';
import { describe, expect, it } from 'vitest';
import { buildOpenApi } from '@relief/engine/api';

const DESIGN_PATHS = [
  'GET /api/v1/health',
  'GET /api/v1/openapi.json',
  'GET /api/docs',
  'POST /api/v1/templates/validate',
  'POST /api/v1/templates',
  'GET /api/v1/templates',
  'GET /api/v1/templates/{id}',
  'GET /api/v1/templates/{id}/versions/{v}',
  'POST /api/v1/templates/{id}/versions/{v}/publish',
  'POST /api/v1/programmes',
  'GET /api/v1/programmes',
  'GET /api/v1/programmes/{id}',
  'PATCH /api/v1/programmes/{id}',
  'GET /api/v1/programmes/{id}/stats',
  'POST /api/v1/programmes/{id}/cases',
  'POST /api/v1/programmes/{id}/cases/import',
  'GET /api/v1/programmes/{id}/cases',
  'GET /api/v1/cases/{id}',
  'POST /api/v1/cases/{id}/events',
  'GET /api/v1/cases/{id}/history',
  'GET /api/v1/worklist',
  'GET /api/v1/notifications',
  'POST /api/v1/webhooks',
  'GET /api/v1/webhooks/{id}/deliveries',
];

describe('the OpenAPI document', () => {
  const doc = buildOpenApi('test');

  it('has every path of the DESIGN.md table', () => {
    const paths = doc.paths as Record<string, Record<string, unknown>>;
    const present = Object.entries(paths).flatMap(([path, item]) =>
      Object.keys(item).map((m) => `${m.toUpperCase()} ${path}`),
    );
    for (const entry of DESIGN_PATHS) expect(present).toContain(entry);
  });

  it('passes the Redocly linter (recommended-strict) with no problem at all', async () => {
    const config = await createConfig({ extends: ['recommended-strict'] });
    const problems = await lintFromString({
      source: JSON.stringify(doc),
      absoluteRef: 'openapi.json',
      config,
    });
    const described = problems.map(
      (p) => `${p.severity} ${p.ruleId}: ${p.message} at ${p.location[0]?.pointer ?? ''}`,
    );
    expect(described).toEqual([]);
  });
});
