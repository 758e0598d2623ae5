import { describe, expect, it } from 'vitest';
import { fitLineConsensus, fitPolynomial } from '../../../shared/assist/polynomial-fit';

describe('line through the samples that agree', () => {
  // Six edge samples along a side: the first two found another edge 3 mm out, the rest lie on 0.5 + 0.2·t.
  const ts = [2, 3, 4, 5, 6, 7];
  const ys = [3.4, 3.6, 1.3, 1.5, 1.7, 1.9];

  it('keeps the four that lie on one line and fits them exactly', () => {
    const fit = fitLineConsensus(ts, ys, 0.3);
    expect(fit?.kept).toBe(4);
    expect(fit?.coefficients[0]).toBeCloseTo(0.5, 6);
    expect(fit?.coefficients[1]).toBeCloseTo(0.2, 6);
  });

  it('holds where one pass of rejection does not', () => {
    const once = fitPolynomial(ts, ys, 1, 0.3);
    expect(Math.abs((once?.coefficients[0] ?? 0) - 0.5)).toBeGreaterThan(1);
  });

  it('gives nothing when fewer than three samples agree', () => {
    expect(fitLineConsensus([1, 2, 3, 4], [0, 2, 5, 9], 0.3)).toBeUndefined();
  });
});
