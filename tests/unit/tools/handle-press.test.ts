/**
 * A press on a point handle while a tool is active: with the Cobb tool a click on a measured vertebra's
 * point picks its endplate (or ends a drawn line there) instead of grabbing the point; a press that
 * travels is still a drag, and with every other tool a press grabs at once, as before.
 */
import { describe, expect, it } from 'vitest';
import type { Annotation } from '../../../shared/model/types';
import { clickOnHandle, travelledBeyondClick } from '../../../renderer/tools/handle-press';
import type { Draft } from '../../../renderer/tools/measure-store';
import { IMAGE_PLANE, sampleDocument } from '../model/sample-document';

const annotations = sampleDocument().annotations;
const t12 = annotations.find((a) => a.id === 'v-t12')!;
const length = annotations.find((a) => a.type === 'length')!;
const draft = (points: number, cobbLines: Draft['cobbLines'] = []): Draft => ({ tool: 'cobb', plane: IMAGE_PLANE, points: Array.from({ length: points }, (_, i) => ({ x: i, y: i })), cobbLines });
const endplate = (a: Annotation, e: 'superior' | 'inferior') => ({ kind: 'endplate', line: { kind: 'endplate', annotationId: a.id, endplate: e } });

describe('a press on a handle', () => {
  it('with the Cobb tool, a vertebra point picks the endplate it lies on: corners and middle points alike', () => {
    // SIX_POINT_NAMES order: AS, MS, PS, AI, MI, PI.
    expect([0, 1, 2, 3, 4, 5].map((i) => clickOnHandle('cobb', null, t12, i))).toEqual([
      ...[0, 1, 2].map(() => endplate(t12, 'superior')),
      ...[3, 4, 5].map(() => endplate(t12, 'inferior')),
    ]);
  });

  it('picks the second endplate after a first one, or a line drawn with two clicks', () => {
    expect(clickOnHandle('cobb', draft(0, [{ kind: 'endplate', annotationId: 'v-l2', endplate: 'inferior' }]), t12, 0)).toEqual(endplate(t12, 'superior'));
    expect(clickOnHandle('cobb', draft(2), t12, 5)).toEqual(endplate(t12, 'inferior'));
  });

  it('ends a drawn line on the point when the line waits for its second end', () => {
    expect(clickOnHandle('cobb', draft(1), t12, 0)).toEqual({ kind: 'point' });
  });

  it('grabs at once with any other tool, and on what is not a vertebra', () => {
    for (const tool of ['navigate', 'vertebra', 'length', 'angle', 'calibrate'] as const) expect(clickOnHandle(tool, null, t12, 0), tool).toBeUndefined();
    expect(clickOnHandle('cobb', null, length, 0)).toBeUndefined();
  });

  it('is a click until it travels more than a few pixels, then a drag', () => {
    expect(travelledBeyondClick({ x: 10, y: 10 }, { x: 10, y: 10 })).toBe(false);
    expect(travelledBeyondClick({ x: 10, y: 10 }, { x: 12, y: 13 })).toBe(false);
    expect(travelledBeyondClick({ x: 10, y: 10 }, { x: 10, y: 20 })).toBe(true);
  });
});
