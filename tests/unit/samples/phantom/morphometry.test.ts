import { describe, expect, it } from 'vitest';
import { TEACHING_CASES } from '../../../../samples/catalog/teaching-cases';
import { segmentAngle, vertebraTruths } from '../../../../samples/phantom/morphometry';
import { buildSpine } from '../../../../samples/phantom/spine-model';

describe('ground-truth morphometry', () => {
  it('grades a normal spine as normal at every level, with physiological thoracic wedging', () => {
    const truths = vertebraTruths(buildSpine([]));
    for (const truth of truths) expect(truth.genantGrade).toBe(0);
    const t11 = truths.find((t) => t.level === 'T11');
    expect(t11?.haHp).toBeCloseTo(0.92, 3);
    expect(truths.find((t) => t.level === 'L2')?.haHp).toBeCloseTo(1, 3);
  });

  it('puts every fracture of the course clearly inside its intended Genant band and shape', () => {
    for (const definition of TEACHING_CASES) {
      for (const study of definition.studies) {
        const truths = vertebraTruths(buildSpine(study.fractures));
        for (const fracture of study.fractures) {
          const truth = truths.find((t) => t.level === fracture.level);
          expect(truth?.shape, `${definition.id} ${fracture.level}`).toBe(fracture.shape);
          const loss = truth?.maxLossPercent ?? 0;
          const bands = [[20, 25], [25, 40], [40, 100]] as const;
          const band = bands[(truth?.genantGrade ?? 1) - 1];
          expect(loss - band[0], `${definition.id} ${fracture.level} ${loss}%`).toBeGreaterThanOrEqual(1.5);
          expect(band[1] - loss).toBeGreaterThanOrEqual(1.5);
        }
      }
    }
  });

  it('derives heights from the six points: Ha − Hp difference gives the wedge angle', () => {
    const l1 = vertebraTruths(buildSpine([{ level: 'L1', shape: 'wedge', heightLoss: 0.32, acute: false }])).find((t) => t.level === 'L1');
    expect(l1).toBeDefined();
    if (!l1) return;
    expect(l1.ha / l1.hp).toBeCloseTo(0.68, 6);
    expect(l1.wedgeAngleDeg).toBeCloseTo((Math.atan((l1.hp - l1.ha) / 33) * 180) / Math.PI, 6);
    expect(l1.genantGrade).toBe(2);
  });

  it('tilts the spine above a wedge fracture forwards: local kyphosis grows by the wedge angle', () => {
    const normal = segmentAngle(buildSpine([]), 'T12', 'L2');
    const fractured = segmentAngle(buildSpine([{ level: 'L1', shape: 'wedge', heightLoss: 0.34, acute: true }]), 'T12', 'L2');
    const l1 = vertebraTruths(buildSpine([{ level: 'L1', shape: 'wedge', heightLoss: 0.34, acute: true }])).find((t) => t.level === 'L1');
    expect(fractured.degrees - normal.degrees).toBeCloseTo(l1?.wedgeAngleDeg ?? 0, 6);
    expect(fractured.degrees).toBeGreaterThan(5);
    expect(fractured.label).toBe('T12 superior – L2 inferior');
  });
});
