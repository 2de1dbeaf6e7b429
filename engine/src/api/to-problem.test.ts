/** The one mapping from errors to problem+json. */
import { describe, expect, it } from 'vitest';
import {
  EngineError,
  NotFoundError,
  RoleNotAllowedError,
  TemplateInvalidError,
  ValidationFailedError,
  VersionConflictError,
} from '../errors/engine-error.js';
import { HttpProblem } from './http-problem.js';
import { toProblem } from './to-problem.js';

describe('toProblem', () => {
  it('maps each engine error kind to its status with a stable type', () => {
    const cases: [EngineError, number, string][] = [
      [new EngineError('x', 'user', 'm'), 400, 'x'],
      [new RoleNotAllowedError('deliver', ['cadre']), 403, 'role-not-allowed'],
      [new NotFoundError('case', 'c1'), 404, 'not-found'],
      [new VersionConflictError('c1', 2, 3), 409, 'version-conflict'],
      [
        new ValidationFailedError('case data', [{ path: '/age', message: 'must be integer' }]),
        422,
        'validation-failed',
      ],
    ];
    for (const [error, status, code] of cases) {
      const { body } = toProblem(error);
      expect(body).toMatchObject({
        status,
        code,
        type: `urn:relief:problem:${code}`,
        detail: error.message,
      });
    }
  });

  it('lists field errors and template findings under `errors`', () => {
    expect(
      toProblem(new ValidationFailedError('d', [{ path: '/a', message: 'm' }])).body.errors,
    ).toEqual([{ path: '/a', message: 'm' }]);
    const finding = {
      line: 3,
      col: 5,
      pointer: '/states',
      code: 'unknown-target',
      severity: 'error',
      message: 'no',
    };
    expect(toProblem(new TemplateInvalidError([finding])).body.errors).toEqual([finding]);
    expect(toProblem(new VersionConflictError('c', 1, 2)).body.details).toEqual({
      caseId: 'c',
      expected: 1,
      actual: 2,
    });
  });

  it('keeps HTTP problems as they are, and hides anything unexpected', () => {
    const http = toProblem(
      new HttpProblem(413, 'content-too-large', 'too big', undefined, { connection: 'close' }),
    );
    expect(http.body).toMatchObject({
      status: 413,
      title: 'Content too large',
      code: 'content-too-large',
    });
    expect(http.headers).toEqual({ connection: 'close' });
    const unexpected = toProblem(new TypeError('secret internals at /srv/x.ts'));
    expect(unexpected.unexpected).toBe(true);
    expect(unexpected.body.status).toBe(500);
    expect(unexpected.body.detail).not.toContain('secret');
    expect(
      toProblem(new EngineError('step-failed', 'internal', 'internal detail')).body.status,
    ).toBe(500);
  });
});
