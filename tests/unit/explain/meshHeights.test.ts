import { describe, expect, it } from 'vitest';
import { buildExplainScene } from '../../../renderer/explain/buildExplainScene';
import { applySceneState, DEFAULT_VIEW } from '../../../renderer/explain/applySceneState';
import { bodyStations } from '../../../renderer/explain/bodyHeights';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { MOTION_SHARE, sceneStateAt } from '../../../shared/procedure/sceneState';
import { kyphoplastyOutcome, manualShape, REFERENCE_CASE_SHAPE } from '../../../shared/procedure/patientShape';
import type { PatientSpineShape, VertebralHeightsMm } from '../../../shared/procedure/types';

/** The mesh's own heights, read where morphometry reads them. */
function meshHeights(explain: ReturnType<typeof buildExplainScene>, index = explain.fracturedIndex): VertebralHeightsMm {
  return bodyStations(explain.vertebrae[index].geometry.getAttribute('position').array, explain.levels[index].dims).heights;
}

function expectRatiosWithin2Percent(mesh: VertebralHeightsMm, wanted: VertebralHeightsMm): void {
  expect(Math.abs(mesh.anterior / mesh.posterior / (wanted.anterior / wanted.posterior) - 1)).toBeLessThan(0.02);
  expect(Math.abs(mesh.middle / mesh.posterior / (wanted.middle / wanted.posterior) - 1)).toBeLessThan(0.02);
  expect(Math.abs(mesh.posterior / wanted.posterior - 1)).toBeLessThan(0.02);
}

const SHAPES: [string, PatientSpineShape][] = [
  ['L1 wedge (DOMAIN.md reference case)', REFERENCE_CASE_SHAPE],
  ['T12 severe wedge', manualShape('T12', { anterior: 13.6, middle: 19, posterior: 28.3 }, 30)],
  ['L2 biconcave', manualShape('L2', { anterior: 27, middle: 19, posterior: 29 }, 8)],
  ['L3 crush', manualShape('L3', { anterior: 17, middle: 16, posterior: 18 }, 6)],
];

describe('the fractured vertebra shows the measured heights on its mesh', () => {
  it.each(SHAPES)('%s: Ha/Hp, Hm/Hp and Hp within 2%%', (_, shape) => {
    const explain = buildExplainScene(shape);
    const timeline = buildTimeline('vertebroplasty', shape);
    applySceneState(explain, sceneStateAt(timeline, 0), { ...DEFAULT_VIEW, afterHeightsMm: shape.heightsMm });
    expectRatiosWithin2Percent(meshHeights(explain), shape.heightsMm);
  });

  it('is visibly wedged beside its neighbours, which keep their normal shape', () => {
    const explain = buildExplainScene(REFERENCE_CASE_SHAPE);
    applySceneState(explain, sceneStateAt(buildTimeline('vertebroplasty', REFERENCE_CASE_SHAPE), 0), { ...DEFAULT_VIEW, afterHeightsMm: REFERENCE_CASE_SHAPE.heightsMm });
    const f = explain.fracturedIndex;
    const above = meshHeights(explain, f - 1), fractured = meshHeights(explain, f), below = meshHeights(explain, f + 1);
    for (const neighbour of [above, below]) expect(neighbour.anterior / neighbour.posterior).toBeGreaterThan(0.95);
    // A third lower in front than the bones either side: plain to see.
    expect(fractured.anterior / fractured.posterior).toBeLessThan(0.7);
    expect(fractured.anterior).toBeLessThan(0.72 * Math.min(above.anterior, below.anterior));
  });

  it('shows the kyphoplasty height restoration on the mesh, and its ghost too', () => {
    const shape = REFERENCE_CASE_SHAPE;
    const explain = buildExplainScene(shape);
    const timeline = buildTimeline('kyphoplasty', shape);
    const inflate = timeline.steps.find((s) => s.id === 'balloon-inflate')!;
    const outcome = kyphoplastyOutcome(shape).heightsMm;
    applySceneState(explain, sceneStateAt(timeline, inflate.start + (inflate.end - inflate.start) * MOTION_SHARE + 0.01), {
      ...DEFAULT_VIEW,
      compare: 'after',
      afterHeightsMm: outcome,
    });
    expectRatiosWithin2Percent(meshHeights(explain), outcome);
    const ghost = bodyStations(explain.ghost.geometry.getAttribute('position').array, explain.levels[explain.fracturedIndex].dims).heights;
    expectRatiosWithin2Percent(ghost, outcome);
  });
});
