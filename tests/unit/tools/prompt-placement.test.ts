/** The tool prompt keeps clear of what the reader is placing: the top band unless that is where they work. */
import { describe, expect, it } from 'vitest';
import { PROMPT_BAND_PX, bandOf, promptSide } from '../../../renderer/tools/prompt-placement';

const HEIGHT = 700;
const top = { x: 300, y: PROMPT_BAND_PX - 10 };
const middle = { x: 300, y: HEIGHT / 2 };
const bottom = { x: 300, y: HEIGHT - PROMPT_BAND_PX + 10 };

describe('prompt placement', () => {
  it('finds the band a point lies in', () => {
    expect([top, middle, bottom].map((p) => bandOf(p, HEIGHT))).toEqual(['top', undefined, 'bottom']);
  });

  it('stays at the top while nothing being placed is under it', () => {
    expect(promptSide([], undefined, HEIGHT)).toBe('top');
    expect(promptSide([middle, bottom], undefined, HEIGHT)).toBe('top');
  });

  it('moves to the bottom for points being placed under the top band, or the pointer there', () => {
    expect(promptSide([top], undefined, HEIGHT)).toBe('bottom');
    expect(promptSide([middle], 'top', HEIGHT)).toBe('bottom');
  });

  it('follows the pointer over the points when both bands hold some', () => {
    expect(promptSide([top, top, bottom], 'top', HEIGHT)).toBe('bottom');
    expect(promptSide([top, top, bottom], 'bottom', HEIGHT)).toBe('top');
  });
});
