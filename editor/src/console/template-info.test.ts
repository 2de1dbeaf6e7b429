import { describe, expect, it } from 'vitest';
import type { Template } from '@relief/engine';
import { translate } from '../i18n/messages.js';
import { entryTitle, hasStatePath } from './template-info.js';

const template = {
  events: { deliver: { title: { zh: '送餐到户', en: 'Meal delivered' } } },
} as unknown as Template;

describe('entryTitle', () => {
  it('names what the engine recorded in the reader’s language, never a raw key', () => {
    for (const lang of ['zh', 'en'] as const) {
      const t = (key: Parameters<typeof translate>[1], args?: Record<string, string | number>) =>
        translate(lang, key, args);
      const titles = ['(open)', '(reassign)', 'after:P1D', 'deliver', 'migrated'].map((type) =>
        entryTitle(template, type, lang, t),
      );
      expect(titles.some((title) => title.startsWith('('))).toBe(false);
      if (lang === 'zh')
        expect(titles).toEqual([
          '建立个案',
          '更换负责人',
          '计时器到期',
          '送餐到户',
          '迁移到新版本',
        ]);
      else
        expect(titles).toEqual([
          'Case opened',
          'Reassigned',
          'Timer fired',
          'Meal delivered',
          'Moved to a newer version',
        ]);
    }
  });
});

describe('hasStatePath', () => {
  const nested = {
    states: { enrolled: { states: { waiting: {}, prepared: {} } }, closed: {} },
  } as unknown as Template;
  it('needs every region of a path to name a state, nested keys included', () => {
    expect(hasStatePath(nested, 'enrolled.prepared')).toBe(true);
    expect(hasStatePath(nested, 'enrolled.waiting + closed')).toBe(true);
    expect(hasStatePath(nested, 'enrolled.gone')).toBe(false);
    expect(hasStatePath(nested, 'closed + nowhere')).toBe(false);
  });
});
