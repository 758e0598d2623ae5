import { describe, expect, it } from 'vitest';
import { GENANT_LOSS_THRESHOLDS } from '../../../shared/measure/genant';
import { radElementLoss, ownPosteriorLoss } from '../../../shared/measure/height-loss';
import type { Length, VertebralHeights } from '../../../shared/measure/types';
import { genantScaleWords, heightLossSentence, thresholdWords } from '../../../shared/report/height-loss-words';

const mm = (value: number): Length => ({ value, unit: 'mm', calibration: 'calibrated' });
const heights = (ha: number, hm: number, hp: number): VertebralHeights => ({ ha: mm(ha), hm: mm(hm), hp: mm(hp) });

describe('heightLossSentence', () => {
  it('says a 13% loss of a grade-0 body is anterior, against T11, and below the threshold of grade 1', () => {
    // T12 Ha 21.75 against T11's Ha 25 (larger than its own Hp 24): 13% loss.
    const loss = radElementLoss(heights(21.75, 23.5, 24), [{ level: 'T11', heights: heights(25, 24.5, 25) }]);
    expect(heightLossSentence(loss)).toBe('13% anterior height loss against T11 — below the 20% threshold of grade 1 (Genant)');
  });

  it('names the mean of both neighbours, and the grade range a fracture falls in', () => {
    const loss = radElementLoss(heights(16.5, 22, 24), [
      { level: 'T11', heights: heights(25, 24.5, 25) },
      { level: 'L1', heights: heights(27, 26, 27) },
    ]);
    expect(heightLossSentence(loss)).toBe('37% anterior height loss against the mean of T11 and L1 — grade 2 (moderate): 25% to under 40% (Genant)');
  });

  it('names the own posterior wall, and the middle height when it sets the grade', () => {
    expect(heightLossSentence(ownPosteriorLoss(heights(28, 16, 30)))).toBe('47% middle height loss against its own posterior height — grade 3 (severe): 40% or more (Genant)');
  });

  it('takes its thresholds from genant.ts: a loss at the mild threshold is grade 1, just under it is not', () => {
    expect(thresholdWords(GENANT_LOSS_THRESHOLDS.mild)).toBe('grade 1 (mild): 20% to under 25% (Genant)');
    expect(thresholdWords(GENANT_LOSS_THRESHOLDS.mild - 0.001)).toMatch(/^below the 20% threshold of grade 1/);
  });

  it('writes the whole scale for legends and feedback', () => {
    expect(genantScaleWords()).toBe('under 20% normal (0), 20% to under 25% mild (1), 25% to under 40% moderate (2), 40% or more severe (3)');
  });
});
