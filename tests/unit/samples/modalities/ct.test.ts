import { describe, expect, it } from 'vitest';
import { ctOrigin, renderCt, type CtGeometry } from '../../../../samples/modalities/ct';
import { toWorld } from '../../../../samples/phantom/geometry';
import { createPhantom } from '../../../../samples/phantom/phantom';
import { buildSpine } from '../../../../samples/phantom/spine-model';
import { createRandom } from '../../../../samples/random';

const phantom = createPhantom(buildSpine([{ level: 'T12', shape: 'wedge', heightLoss: 0.23, acute: false, cement: true }]));
const vertebra = (level: string) => {
  const found = phantom.vertebrae.find((v) => v.model.level === level);
  if (!found) throw new Error(level);
  return found;
};

/** One full-resolution axial slice through a point, and a reader of HU at patient (x, y). */
function sliceThrough(z: number) {
  const geometry: CtGeometry = { columns: 256, rows: 256, pixelMm: 0.7, sliceMm: 1.5, slices: 1, centreY: 22.4, centreZ: z };
  const [slice] = renderCt(phantom, geometry, createRandom(7));
  const origin = ctOrigin(geometry);
  const hu = (x: number, y: number) => slice.hu[Math.round((y - origin.y) / 0.7) * 256 + Math.round((x - origin.x) / 0.7)];
  return { slice, hu };
}

describe('CT rendering', () => {
  it('gives cancellous HU at the body centre and cortical HU at the anterior wall', () => {
    const l2 = vertebra('L2');
    const centre = toWorld(l2.model.frame, 0, l2.posteriorHeight / 2);
    const { hu } = sliceThrough(centre.z);
    const mean = [-2, -1, 0, 1, 2].reduce((sum, dx) => sum + hu(dx * 0.7, centre.y), 0) / 5;
    expect(mean).toBeGreaterThan(150);
    expect(mean).toBeLessThan(300);
    let wall = -Infinity;
    for (let dy = -3; dy <= 3; dy += 0.35) wall = Math.max(wall, hu(0, centre.y - l2.halfDepth + dy));
    expect(wall).toBeGreaterThan(500);
  });

  it('gives 50–100 HU in the middle of a disc and > 1500 HU in cement', () => {
    const l2 = vertebra('L2');
    const disc = toWorld(l2.model.frame, 0, l2.posteriorHeight + 4.5);
    expect(sliceThrough(disc.z).hu(0, disc.y)).toBeGreaterThan(50);
    expect(sliceThrough(disc.z).hu(0, disc.y)).toBeLessThan(100);
    const t12 = vertebra('T12');
    const blob = t12.cement[1];
    const cement = toWorld(t12.model.frame, blob.y, blob.z);
    expect(sliceThrough(cement.z).hu(blob.x, cement.y)).toBeGreaterThan(1500);
  });
});
