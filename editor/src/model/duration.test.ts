import { describe, expect, it } from 'vitest';
import { humanDuration, parseDuration, toIsoDuration } from './duration.js';

describe('durations', () => {
  it('reads and writes one number of one unit', () => {
    expect(parseDuration('P3D')).toEqual({ n: 3, unit: 'days' });
    expect(parseDuration('PT30M')).toEqual({ n: 30, unit: 'minutes' });
    expect(parseDuration('PT2H')).toEqual({ n: 2, unit: 'hours' });
    expect(parseDuration('P1DT2H')).toBeUndefined();
    expect(toIsoDuration(7, 'days')).toBe('P7D');
    expect(toIsoDuration(30, 'minutes')).toBe('PT30M');
    expect(toIsoDuration(48, 'hours')).toBe('PT48H');
  });
  it('humanises in both languages', () => {
    expect(humanDuration('P3D', 'zh')).toBe('3天');
    expect(humanDuration('P3D', 'en')).toBe('3 days');
    expect(humanDuration('PT30M', 'zh')).toBe('30分钟');
    expect(humanDuration('P1D', 'en')).toBe('1 day');
    expect(humanDuration('P1DT12H', 'zh')).toBe('1天12小时');
    expect(humanDuration('P2M', 'en')).toBe('2 months');
    expect(humanDuration('soon', 'en')).toBe('soon');
  });
});
