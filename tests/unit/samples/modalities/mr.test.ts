import { describe, expect, it } from 'vitest';
import { mrOrigin, renderMr, type MrGeometry } from '../../../../samples/modalities/mr';
import { toWorld } from '../../../../samples/phantom/geometry';
import { createPhantom } from '../../../../samples/phantom/phantom';
import { buildSpine } from '../../../../samples/phantom/spine-model';
import { createRandom } from '../../../../samples/random';

describe('MR rendering', () => {
  it('shows acute fracture oedema bright on STIR and dark on T1 compared with a normal body', () => {
    const phantom = createPhantom(buildSpine([{ level: 'L1', shape: 'wedge', heightLoss: 0.22, acute: true }]));
    const geometry: MrGeometry = { columns: 120, rows: 150, pixelMm: 1.8, slices: 1, sliceThicknessMm: 3, sliceSpacingMm: 3.3, centreY: -10, centreZ: 0 };
    const images = renderMr(phantom, geometry, ['t1', 'stir'], () => createRandom(3));
    const origin = mrOrigin(geometry);
    const signal = (weighting: 't1' | 'stir', level: string, heightFraction: number): number => {
      const vertebra = phantom.vertebrae.find((v) => v.model.level === level);
      const pixels = images.get(weighting)?.slices[0].pixels;
      if (!vertebra || !pixels) throw new Error('missing');
      const p = toWorld(vertebra.model.frame, 0, vertebra.posteriorHeight * heightFraction);
      const column = Math.round((p.y - origin.y) / geometry.pixelMm);
      const row = Math.round((origin.z - p.z) / geometry.pixelMm);
      let sum = 0;
      for (let dc = -1; dc <= 1; dc++) for (let dr = -1; dr <= 1; dr++) sum += pixels[(row + dr) * geometry.columns + column + dc];
      return sum / 9;
    };
    expect(signal('stir', 'L1', 0.5)).toBeGreaterThan(2 * signal('stir', 'L3', 0.5));
    expect(signal('t1', 'L1', 0.5)).toBeLessThan(0.7 * signal('t1', 'L3', 0.5));
  });
});
