import { describe, expect, it } from 'vitest';
import { toWorld } from '../../../../samples/phantom/geometry';
import { createPhantom } from '../../../../samples/phantom/phantom';
import { buildSpine } from '../../../../samples/phantom/spine-model';

const phantom = createPhantom(
  buildSpine([
    { level: 'T12', shape: 'wedge', heightLoss: 0.23, acute: false, cement: true },
    { level: 'L1', shape: 'crush', heightLoss: 0.55, acute: true, gasCleft: true },
  ]),
);
const shape = (level: string) => {
  const found = phantom.vertebrae.find((v) => v.model.level === level);
  if (!found) throw new Error(level);
  return found;
};
const at = (level: string, x: number, depth: number, height: number) => {
  const p = toWorld(shape(level).model.frame, depth, height);
  return phantom.tissueAt({ x, y: p.y, z: p.z });
};

describe('phantom tissueAt', () => {
  it('finds marrow inside a normal body, cortex at its wall, disc between bodies and CSF behind', () => {
    const l3 = shape('L3');
    expect(at('L3', 0, 0, 13)).toBe('cancellousBone');
    expect(at('L3', 0, l3.halfDepth - 0.5, 13)).toBe('corticalBone'); // posterior wall
    expect(at('L3', 0, 0, l3.posteriorHeight + 4.5)).toBe('discNucleus');
    expect(at('L3', 0, l3.canal.y, 13)).toBe('csf');
    expect(at('L3', 300, 0, 13)).toBe('air');
  });

  it('puts cement in the augmented body, gas in the cleft and oedema in the acute one', () => {
    const t12 = shape('T12');
    expect(at('T12', t12.cement[0].x, t12.cement[0].y, t12.cement[0].z)).toBe('cement');
    const gas = shape('L1').gas;
    expect(gas).not.toBeNull();
    if (gas) expect(at('L1', 0, gas.y, gas.z)).toBe('gas');
    expect(at('L1', 10, 8, shape('L1').posteriorHeight * 0.55)).toBe('marrowOedema');
  });
});
