import { describe, expect, it } from 'vitest';
import { ValidationFailedError } from '../errors/engine-error.js';
import { compileForTest, VISITS_SOURCE } from '../compile/visits-template.fixture.js';
import { validateEventPayload } from './validate-case-input.js';

describe('validateEventPayload', () => {
  const compiled = compileForTest(VISITS_SOURCE);

  it('takes an empty payload of an event without a form as a fresh empty object', () => {
    const sent = {};
    const payload = validateEventPayload(compiled, 'visit', sent);
    expect(payload).toEqual({});
    // The step may write to what it gets; the caller's object is never handed on.
    expect(payload).not.toBe(sent);
    expect(validateEventPayload(compiled, 'visit', undefined)).toEqual({});
    expect(validateEventPayload(compiled, 'visit', Object.create(null))).toEqual({});
  });

  it('still refuses any field an event without a form was sent, and anything not an object', () => {
    expect(() => validateEventPayload(compiled, 'visit', { amount: 1 })).toThrow(
      ValidationFailedError,
    );
    expect(() => validateEventPayload(compiled, 'visit', [])).toThrow(ValidationFailedError);
    expect(() => validateEventPayload(compiled, 'visit', 'x')).toThrow(ValidationFailedError);
  });

  it('checks an event with a form as before, even when its payload is empty', () => {
    expect(validateEventPayload(compiled, 'pay', {})).toEqual({});
    expect(() => validateEventPayload(compiled, 'pay', { amount: 'x' })).toThrow(
      ValidationFailedError,
    );
  });
});
