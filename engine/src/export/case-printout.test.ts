import { describe, expect, it } from 'vitest';
import type { CaseExport } from './case-export.js';
import { toCasePrintout } from './case-printout.js';

const copy: CaseExport = {
  format: 'relief-case-export/1',
  exportedAt: '2026-12-01T08:00:00.000Z',
  exportedBy: 'admin-1',
  programme: {
    id: 'p',
    title: '长征镇爱心餐',
    district: 'sh/putuo',
    template: { id: 'love-meals', version: 1, title: { zh: '爱心餐', en: 'Love meals' } },
  },
  case: {
    id: 'c',
    ref: null,
    state: 'ended',
    stateTitle: { zh: '已结束', en: 'Ended' },
    done: true,
    district: 'sh/putuo',
    assignee: null,
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-12-01T00:00:00.000Z',
    version: 3,
  },
  data: [
    {
      name: 'name',
      title: { zh: '姓名', en: 'Name' },
      sensitivity: 'personal',
      value: '<img src=x onerror=alert(1)>',
    },
    { name: 'meals', title: { zh: '送餐份数', en: 'Meals' }, sensitivity: null, value: 12 },
    {
      name: 'alone',
      title: { zh: '独居', en: 'Lives alone' },
      sensitivity: 'sensitive',
      value: true,
    },
  ],
  history: [],
  erasures: [
    { at: '2026-12-01T07:00:00.000Z', reason: 'request', fields: ['name'], actor: 'a', note: 'x' },
  ],
};

describe('toCasePrintout', () => {
  it("escapes every value: a resident's data is text, never markup", () => {
    const page = toCasePrintout(copy, 'zh', 'Asia/Shanghai');
    expect(page).not.toContain('<img');
    expect(page).toContain('&lt;img src=x onerror=alert(1)&gt;');
  });

  it('draws titles, values and marks in the chosen language and time zone', () => {
    const zh = toCasePrintout(copy, 'zh', 'Asia/Shanghai');
    expect(zh).toContain('<html lang="zh-CN">');
    expect(zh).toMatch(/<th scope="row">独居<\/th><td>是<\/td><td class="mark">敏感个人信息<\/td>/);
    expect(zh).toContain('没有办理记录');
    expect(zh).toMatch(/本人申请删除[\s\S]*<td>姓名<\/td>/);
    const en = toCasePrintout(copy, 'en', 'Europe/London');
    expect(en).toMatch(
      /<th scope="row">Lives alone<\/th><td>yes<\/td><td class="mark">Sensitive<\/td>/,
    );
    expect(en).not.toMatch(/已结束|姓名/);
    // 08:00 UTC is 16:00 in Shanghai, 08:00 in London in December
    expect(zh).toContain('16:00');
    expect(en).toContain('08:00');
  });
});
