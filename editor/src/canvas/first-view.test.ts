import { describe, expect, it } from 'vitest';
import { LEGIBLE_ZOOM, placeAlong } from './first-view.js';

describe('a phone’s first view', () => {
  it('draws 13 px titles and 12 px edge labels at 11 px or more', () => {
    expect(13 * LEGIBLE_ZOOM).toBeGreaterThanOrEqual(11);
    expect(12 * LEGIBLE_ZOOM).toBeGreaterThanOrEqual(11);
  });

  it('centres a range that fits, margins included', () => {
    // 100 units at zoom 1 on 400 px with 20 px margins: 150 px either side.
    expect(placeAlong(0, 0, 100, 400, 1, 20, 20)).toBe(150);
    expect(placeAlong(0, 50, 150, 400, 1, 20, 20)).toBe(100);
  });

  it('puts the centre mid-screen when the range allows, else keeps an end at its margin', () => {
    // 1000 units on 400 px: the state at 500 in the middle.
    expect(placeAlong(500, 0, 1000, 400, 1, 16, 16)).toBe(-300);
    // Near the start: the range's start stays at the margin (no empty band before it).
    expect(placeAlong(10, 0, 1000, 400, 1, 64, 16)).toBe(64);
    // Near the end: the range's end stays at the far margin.
    expect(placeAlong(990, 0, 1000, 400, 1, 16, 16)).toBe(400 - 16 - 1000);
    // Zoomed: positions scale.
    expect(placeAlong(0, 0, 1000, 400, 0.5, 16, 16)).toBe(16);
  });
});
