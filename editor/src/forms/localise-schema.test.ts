import { describe, expect, it } from 'vitest';
import { fieldTitleAt, localiseSchema } from './localise-schema.js';
import { localiseError } from './JsonForm.js';

const params = {
  type: 'object',
  'x-layout': {},
  properties: {
    minAge: {
      type: 'integer',
      maximum: 130,
      title: { zh: '最低年龄', en: 'Minimum age' },
      description: { zh: '说明', en: 'About' },
    },
  },
};

describe('the shared JSON Schema form', () => {
  it('gives the form library labels in one language and drops x- keys', () => {
    expect(localiseSchema(params, 'zh')).toEqual({
      type: 'object',
      properties: {
        minAge: { type: 'integer', maximum: 130, title: '最低年龄', description: '说明' },
      },
    });
    expect(fieldTitleAt(params, '/minAge', 'en')).toBe('Minimum age');
  });

  it('says what is wrong in the chosen language, with the limit', () => {
    const error = {
      name: 'maximum',
      params: { limit: 130, comparison: '<=' },
      property: '.minAge',
      stack: '',
    };
    expect(localiseError(error, 'zh').message).toBe('不能大于 130');
    expect(localiseError(error, 'en').message).toBe('At most 130');
    expect(localiseError({ name: 'required', stack: '' }, 'zh').message).toBe('必须填写');
    expect(
      localiseError({ name: 'type', params: { type: 'integer' }, stack: '' }, 'zh').message,
    ).toBe('请填写整数');
  });
});
