/** Shared set-up for the black-box suites: keys by role and district, template sources. */
import { readFileSync } from 'node:fs';
import { expect } from 'vitest';
import { TEMPLATES_DIR } from '../scenarios/in-memory-driver.js';
import type { ApiClient, Body } from './api-client.js';

/** Create a key with the owner key; returns the key itself. */
export async function createKey(
  api: ApiClient,
  ownerKey: string,
  roles: string[],
  district: string,
  label?: string,
): Promise<string> {
  const res = await api.post('/api/v1/keys', ownerKey, {
    roles,
    district,
    ...(label && { label }),
  });
  expect(res.status, res.text).toBe(201);
  return res.body.key as string;
}

/** The YAML of a shipped template. */
export function templateSource(id: string): string {
  return readFileSync(`${TEMPLATES_DIR}${id}.yaml`, 'utf8');
}

/** The same template as version `version`. */
export function asVersion(source: string, version: number): string {
  return source.replace(/^version: \d+$/m, `version: ${version}`);
}

/** Expect a problem+json answer with this status and code. */
export function expectProblem(
  res: { status: number; headers: Headers; body: Body; text: string },
  status: number,
  code: string,
): void {
  expect(res.status, res.text).toBe(status);
  expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  expect(res.body.code, res.text).toBe(code);
  expect(res.body.type).toBe(`urn:relief:problem:${code}`);
}
