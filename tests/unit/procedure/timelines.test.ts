import { describe, expect, it } from 'vitest';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { balloonRadiusFor } from '../../../shared/procedure/kyphoplasty';
import { kyphoplastyOutcome, REFERENCE_CASE_SHAPE, manualShape } from '../../../shared/procedure/patientShape';
import { MOTION_SHARE, nextStepTime, previousStepTime, sceneStateAt, stepStillTime } from '../../../shared/procedure/sceneState';
import type { Step, Timeline } from '../../../shared/procedure/types';

const shape = REFERENCE_CASE_SHAPE;

function step(timeline: Timeline, id: string): Step {
  const found = timeline.steps.find((s) => s.id === id);
  if (!found) throw new Error(`no step ${id}`);
  return found;
}

/** The moment a step's motions have finished (the hold before the next step). */
function settled(s: Step): number {
  return s.start + (s.end - s.start) * MOTION_SHARE + 0.01;
}

function midway(s: Step): number {
  return s.start + ((s.end - s.start) * MOTION_SHARE) / 2;
}

describe('timelines as data', () => {
  it.each(['vertebroplasty', 'kyphoplasty', 'fusion'] as const)('%s steps are contiguous, captioned and plain', (procedure) => {
    const timeline = buildTimeline(procedure, shape);
    expect(timeline.steps[0].start).toBe(0);
    timeline.steps.forEach((s, i) => {
      expect(s.end).toBeGreaterThan(s.start);
      if (i > 0) expect(s.start).toBe(timeline.steps[i - 1].end);
      if (i > 0) expect(s.from).toEqual(timeline.steps[i - 1].to);
      // Short sentences for the patient: no sentence longer than 25 words.
      for (const sentence of s.caption.split(/[.!?]\s/)) expect(sentence.split(/\s+/).length).toBeLessThanOrEqual(25);
      expect(s.clinicianDetail.length).toBeGreaterThan(0);
    });
    expect(timeline.duration).toBe(timeline.steps.at(-1)!.end);
  });

  it.each(['vertebroplasty', 'kyphoplasty'] as const)('%s heights start from the measured values', (procedure) => {
    const state = sceneStateAt(buildTimeline(procedure, shape), 0);
    expect(state.vertebraHeightsMm).toEqual(shape.heightsMm);
    expect(state.kyphosisDeg).toBe(shape.localKyphosisDeg);
    expect(state.needles).toEqual([]);
    expect(state.cementFill).toBe(0);
  });

  it('a hand-chosen shape flows into the timeline too', () => {
    const manual = manualShape('T12', { anterior: 13.6, middle: 20, posterior: 28.3 }, 30);
    const state = sceneStateAt(buildTimeline('kyphoplasty', manual), 0);
    expect(state.vertebraHeightsMm.anterior).toBe(13.6);
    expect(state.kyphosisDeg).toBe(30);
    expect(buildTimeline('kyphoplasty', manual).steps[0].caption).toContain('T12');
  });
});

describe('vertebroplasty', () => {
  const timeline = buildTimeline('vertebroplasty', shape);

  it('starts with lying prone under X-ray guidance, then numbing', () => {
    expect(timeline.steps.map((s) => s.id).slice(0, 4)).toEqual(['your-spine', 'lying-prone', 'xray-guidance', 'numbing']);
    expect(sceneStateAt(timeline, settled(step(timeline, 'lying-prone'))).proneBlend).toBeCloseTo(1);
    expect(sceneStateAt(timeline, midway(step(timeline, 'xray-guidance'))).fluoroscopy).toBe(true);
    expect(sceneStateAt(timeline, midway(step(timeline, 'numbing'))).fluoroscopy).toBe(false);
  });

  it('passes one needle from the skin to the anterior third, then withdraws it', () => {
    const needleIn = step(timeline, 'needle-in');
    expect(sceneStateAt(timeline, needleIn.start).needles).toEqual([{ side: 'left', depth: 0 }]);
    expect(sceneStateAt(timeline, midway(needleIn)).needles[0].depth).toBeCloseTo(0.5, 5);
    expect(sceneStateAt(timeline, settled(needleIn)).needles[0].depth).toBeCloseTo(1);
    const out = step(timeline, 'needle-out');
    expect(sceneStateAt(timeline, settled(out)).needles[0].depth).toBeCloseTo(0);
    expect(sceneStateAt(timeline, midway(step(timeline, 'cement-sets'))).needles).toEqual([]);
  });

  it('can go in from both sides', () => {
    const both = buildTimeline('vertebroplasty', shape, { bipedicular: true });
    const needles = sceneStateAt(both, settled(step(both, 'needle-in'))).needles;
    expect(needles.map((n) => n.side)).toEqual(['left', 'right']);
  });

  it('fills the body with cement as the step data says, and sets it', () => {
    const cement = step(timeline, 'cement');
    expect(sceneStateAt(timeline, cement.start).cementFill).toBe(0);
    expect(sceneStateAt(timeline, midway(cement)).cementFill).toBeCloseTo(0.5, 5);
    expect(sceneStateAt(timeline, settled(cement)).cementFill).toBeCloseTo(cement.to.cementFill);
    expect(sceneStateAt(timeline, timeline.duration).cementSet).toBe(1);
    expect(sceneStateAt(timeline, timeline.duration).cementFill).toBe(1);
  });

  it('uses no balloon and leaves the heights as measured', () => {
    for (let t = 0; t <= timeline.duration; t += 0.5) {
      const state = sceneStateAt(timeline, t);
      expect(state.balloon.visible).toBe(false);
      expect(state.cavityRadiusMm).toBe(0);
      expect(state.vertebraHeightsMm).toEqual(shape.heightsMm);
    }
  });

  it('is honest about risks at the end', () => {
    const last = timeline.steps.at(-1)!;
    expect(last.caption).toMatch(/leak/);
    expect(last.caption).toMatch(/break/);
  });
});

describe('kyphoplasty', () => {
  const timeline = buildTimeline('kyphoplasty', shape);
  const outcome = kyphoplastyOutcome(shape);

  it('restores a modest height, as in the reference case (Ha 20.2 → about 23.7 mm, kyphosis about −5°)', () => {
    expect(outcome.heightsMm.anterior).toBeCloseTo(23.7, 0);
    expect(outcome.heightsMm.anterior).toBeLessThan(shape.normalHeightsMm.anterior);
    expect(shape.localKyphosisDeg - outcome.kyphosisDeg).toBeGreaterThanOrEqual(4);
    expect(shape.localKyphosisDeg - outcome.kyphosisDeg).toBeLessThanOrEqual(5);
  });

  it('uses two tubes by default', () => {
    expect(sceneStateAt(timeline, settled(step(timeline, 'tube-in'))).needles.map((n) => n.side)).toEqual(['left', 'right']);
  });

  it('inflates the balloon while the heights rise from the measured values', () => {
    const inflate = step(timeline, 'balloon-inflate');
    const radius = balloonRadiusFor(shape);
    const start = sceneStateAt(timeline, inflate.start);
    expect(start.balloon).toEqual({ visible: true, radiusMm: 0 });
    expect(start.vertebraHeightsMm).toEqual(shape.heightsMm);
    const half = sceneStateAt(timeline, midway(inflate));
    expect(half.balloon.radiusMm).toBeCloseTo(radius / 2, 5);
    expect(half.vertebraHeightsMm.anterior).toBeCloseTo((shape.heightsMm.anterior + outcome.heightsMm.anterior) / 2, 5);
    const end = sceneStateAt(timeline, settled(inflate));
    expect(end.balloon.radiusMm).toBeCloseTo(radius);
    expect(end.cavityRadiusMm).toBeCloseTo(radius);
    expect(end.vertebraHeightsMm.anterior).toBeCloseTo(outcome.heightsMm.anterior);
    expect(end.kyphosisDeg).toBeCloseTo(outcome.kyphosisDeg);
  });

  it('removes the balloon, leaving a cavity that the cement fills', () => {
    const out = step(timeline, 'balloon-out');
    const afterOut = sceneStateAt(timeline, settled(out));
    expect(afterOut.balloon.radiusMm).toBeCloseTo(0);
    expect(afterOut.cavityRadiusMm).toBeCloseTo(balloonRadiusFor(shape));
    const cement = step(timeline, 'cement');
    expect(sceneStateAt(timeline, midway(cement)).balloon.visible).toBe(false);
    expect(sceneStateAt(timeline, midway(cement)).cementFill).toBeCloseTo(0.5, 5);
    expect(sceneStateAt(timeline, settled(cement)).cementFill).toBeCloseTo(1);
  });

  it('keeps the restored heights to the end and withdraws the tubes', () => {
    const end = sceneStateAt(timeline, timeline.duration);
    expect(end.vertebraHeightsMm.anterior).toBeCloseTo(outcome.heightsMm.anterior);
    expect(end.needles).toEqual([]);
    expect(sceneStateAt(timeline, settled(step(timeline, 'tube-out'))).needles[0].depth).toBeCloseTo(0);
  });
});

describe('fusion', () => {
  const timeline = buildTimeline('fusion', shape);
  it('places screws, then rods', () => {
    const screws = step(timeline, 'screws');
    expect(sceneStateAt(timeline, midway(screws)).screws).toEqual({ visible: true, depth: expect.closeTo(0.5, 5) });
    expect(sceneStateAt(timeline, midway(screws)).rods.visible).toBe(false);
    expect(sceneStateAt(timeline, settled(step(timeline, 'rods'))).rods).toEqual({ visible: true, progress: expect.closeTo(1, 5) });
  });
  it('is shorter than the augmentation procedures', () => {
    expect(timeline.duration).toBeLessThan(buildTimeline('vertebroplasty', shape).duration);
  });
});

describe('scene state and navigation', () => {
  const timeline = buildTimeline('kyphoplasty', shape);
  it('is a pure function of t', () => {
    expect(sceneStateAt(timeline, 33.3)).toEqual(sceneStateAt(timeline, 33.3));
  });
  it('clamps outside the timeline', () => {
    expect(sceneStateAt(timeline, -5).t).toBe(0);
    expect(sceneStateAt(timeline, 1e6).t).toBe(timeline.duration);
  });
  it('moves the camera smoothly from the previous preset', () => {
    const xray = step(timeline, 'xray-guidance');
    const early = sceneStateAt(timeline, xray.start + 0.1).camera;
    expect(early.from).toBe('side');
    expect(early.to).toBe('back');
    expect(early.blend).toBeGreaterThan(0);
    expect(early.blend).toBeLessThan(0.1);
    expect(sceneStateAt(timeline, xray.start + 3).camera.blend).toBe(1);
  });
  it('steps forward and back', () => {
    const s1 = timeline.steps[1];
    expect(nextStepTime(timeline, 0)).toBe(s1.start);
    expect(nextStepTime(timeline, timeline.duration)).toBe(timeline.duration);
    expect(previousStepTime(timeline, s1.start + 3)).toBe(s1.start);
    expect(previousStepTime(timeline, s1.start + 0.5)).toBe(0);
  });
});

describe('the still picture of a step', () => {
  it('falls after the motions and inside the step', () => {
    const timeline = buildTimeline('kyphoplasty', REFERENCE_CASE_SHAPE);
    for (const s of timeline.steps) {
      const t = stepStillTime(s);
      expect(t).toBeGreaterThan(s.start + (s.end - s.start) * MOTION_SHARE);
      expect(t).toBeLessThan(s.end);
      expect(sceneStateAt(timeline, t).stepId).toBe(s.id);
    }
  });
});
