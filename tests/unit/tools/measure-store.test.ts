// @vitest-environment happy-dom
/**
 * The measure store against the real browser-mode host: drafts that finish into annotations, drags that
 * become one undo step, undo/redo, and the autosave that reaches the annotation store on disk.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Annotation, StudyAnnotations } from '../../../shared/model/types';
import { IMAGE_PLANE, OTHER_IMAGE_PLANE, STUDY_UID, wedgePoints } from '../model/sample-document';
import { startTestHost, type TestHost } from './store-host';

let testHost: TestHost;
/** A study of its own for each test, so what one test autosaved never opens in the next. */
let uid = STUDY_UID;
let studies = 0;
let store: typeof import('../../../renderer/tools/measure-store');

beforeAll(async () => {
  testHost = await startTestHost();
  store = await import('../../../renderer/tools/measure-store');
});
afterAll(() => testHost.close());

const state = () => store.useMeasureStore.getState();
const doc = (): StudyAnnotations => store.documentFor(state(), uid)!;
const annotations = (): readonly Annotation[] => doc()?.annotations ?? [];
const six = Object.values(wedgePoints(100, 20));
const savedFile = () => path.join(testHost.annotationsDir, `${uid}.annotations.json`);

function place(tool: Parameters<ReturnType<typeof state>['setTool']>[0], points: readonly { x: number; y: number }[], plane = IMAGE_PLANE) {
  state().setTool(tool);
  for (const p of points) state().addPoint(uid, plane, p);
}

describe('measure store', () => {
  beforeEach(async () => {
    await store.flushAutosaves();
    uid = `${STUDY_UID}.${++studies}`;
    state().reset();
    state().setNextLevel('T12');
    state().setLevelStep('down');
    await state().openStudy(uid);
  });

  it('keeps a draft until the last point, then adds the annotation, selects it and steps the level', () => {
    place('vertebra', six.slice(0, 5));
    expect(state().draft?.points).toHaveLength(5);
    expect(annotations().filter((a) => a.type === 'vertebra')).toHaveLength(0);
    state().addPoint(uid, IMAGE_PLANE, six[5]);
    expect(state().draft).toBeNull();
    const [vertebra] = annotations();
    expect(vertebra).toMatchObject({ type: 'vertebra', level: 'T12', plane: IMAGE_PLANE, points: wedgePoints(100, 20) });
    expect(state().selectedId).toBe(vertebra.id);
    expect(state().nextLevel).toBe('L1');
  });

  it('starts a new draft when the reader clicks on another image', () => {
    place('length', [{ x: 1, y: 1 }]);
    state().addPoint(uid, OTHER_IMAGE_PLANE, { x: 5, y: 5 });
    expect(state().draft).toMatchObject({ plane: OTHER_IMAGE_PLANE, points: [{ x: 5, y: 5 }] });
    expect(annotations()).toHaveLength(0);
  });

  it('measuring a level again on the same image corrects it in place, keeping its id', () => {
    place('vertebra', six);
    const first = annotations()[0];
    state().setNextLevel('T12');
    place('vertebra', Object.values(wedgePoints(100, 25)));
    expect(annotations()).toHaveLength(1);
    expect(annotations()[0]).toMatchObject({ id: first.id, points: wedgePoints(100, 25) });
  });

  it('a Cobb angle from one endplate and one drawn line', () => {
    place('vertebra', six);
    const vertebraId = annotations()[0].id;
    state().setTool('cobb');
    state().addCobbEndplate(uid, IMAGE_PLANE, { kind: 'endplate', annotationId: vertebraId, endplate: 'superior' });
    state().addPoint(uid, IMAGE_PLANE, { x: 1, y: 200 });
    expect(annotations()).toHaveLength(1);
    state().addPoint(uid, IMAGE_PLANE, { x: 50, y: 210 });
    expect(annotations()[1]).toMatchObject({
      type: 'cobb',
      lines: [
        { kind: 'endplate', annotationId: vertebraId, endplate: 'superior' },
        { kind: 'drawn', from: { x: 1, y: 200 }, to: { x: 50, y: 210 } },
      ],
    });
  });

  it('a calibration waits for its known length, and a second one replaces the first', () => {
    place('calibrate', [{ x: 0, y: 0 }, { x: 100, y: 0 }]);
    expect(annotations()).toHaveLength(0);
    expect(state().pendingCalibration?.points).toEqual([{ x: 0, y: 0 }, { x: 100, y: 0 }]);
    state().confirmCalibration(uid, 0);
    expect(annotations()).toHaveLength(0);
    state().confirmCalibration(uid, 25);
    expect(annotations()[0]).toMatchObject({ type: 'calibration', knownLengthMm: 25 });
    expect(state().tool).toBe('navigate');
    place('calibrate', [{ x: 0, y: 0 }, { x: 50, y: 0 }]);
    state().confirmCalibration(uid, 10);
    expect(annotations()).toHaveLength(1);
    expect(annotations()[0]).toMatchObject({ type: 'calibration', knownLengthMm: 10, points: [{ x: 0, y: 0 }, { x: 50, y: 0 }] });
  });

  it('a drag is one undo step however many moves it made; undo and redo walk the history', () => {
    place('length', [{ x: 0, y: 0 }, { x: 10, y: 0 }]);
    const added = annotations()[0];
    if (added.type !== 'length') throw new Error('expected a length');
    const before = doc();
    for (const x of [11, 12, 13]) state().replace(uid, { ...added, points: [added.points[0], { x, y: 0 }] }, false);
    state().commitDrag(uid, before);
    expect(annotations()[0]).toMatchObject({ points: [{ x: 0, y: 0 }, { x: 13, y: 0 }] });
    state().undo(uid);
    expect(annotations()[0]).toMatchObject({ points: [{ x: 0, y: 0 }, { x: 10, y: 0 }] });
    state().undo(uid);
    expect(annotations()).toHaveLength(0);
    state().redo(uid);
    state().redo(uid);
    expect(annotations()[0]).toMatchObject({ points: [{ x: 0, y: 0 }, { x: 13, y: 0 }] });
  });

  it('a drag that moved nothing leaves no undo step', () => {
    place('length', [{ x: 0, y: 0 }, { x: 10, y: 0 }]);
    state().commitDrag(uid, doc());
    state().undo(uid);
    expect(annotations()).toHaveLength(0);
  });

  it('autosaves through the host: nothing written while edits continue, the latest state once flushed, and it opens again', async () => {
    place('angle', [{ x: 0, y: 0 }, { x: 10, y: 0 }, { x: 10, y: 10 }]);
    place('length', [{ x: 0, y: 0 }, { x: 10, y: 0 }]);
    const written = existsSync(savedFile()) ? (JSON.parse(readFileSync(savedFile(), 'utf8')) as StudyAnnotations) : undefined;
    expect(written?.annotations.length ?? 0).not.toBe(2);
    await store.flushAutosaves();
    const saved = JSON.parse(readFileSync(savedFile(), 'utf8')) as StudyAnnotations;
    expect(saved.annotations.map((a) => a.type)).toEqual(['angle', 'length']);
    expect(state().saveError).toBeNull();
    state().reset();
    await state().openStudy(uid);
    expect(annotations().map((a) => a.id)).toEqual(saved.annotations.map((a) => a.id));
  });

  it('removing a vertebra removes the Cobb angle that follows its endplate, and deselects it', () => {
    place('vertebra', six);
    const vertebraId = annotations()[0].id;
    state().setTool('cobb');
    state().addCobbEndplate(uid, IMAGE_PLANE, { kind: 'endplate', annotationId: vertebraId, endplate: 'superior' });
    state().addCobbEndplate(uid, IMAGE_PLANE, { kind: 'endplate', annotationId: vertebraId, endplate: 'inferior' });
    state().select(vertebraId);
    state().remove(uid, vertebraId);
    expect(annotations()).toEqual([]);
    expect(state().selectedId).toBeNull();
  });

  describe('proposals (assisted placement)', () => {
    const proposed = wedgePoints(100, 20);

    it('keeps a proposal out of the document until it is accepted, then adds it at the next level and steps on', () => {
      state().setTool('vertebra');
      state().propose({ plane: IMAGE_PLANE, points: proposed, source: 'one-click', detail: 'confidence 90%' });
      expect(state().proposal).toMatchObject({ level: 'T12', source: 'one-click' });
      expect(annotations()).toHaveLength(0);
      state().moveProposalPoint('anteriorSuperior', { x: 3, y: 4 });
      state().acceptProposal(uid);
      expect(state().proposal).toBeNull();
      expect(annotations()).toHaveLength(1);
      expect(annotations()[0]).toMatchObject({ type: 'vertebra', level: 'T12', points: { ...proposed, anteriorSuperior: { x: 3, y: 4 } } });
      expect(state().nextLevel).toBe('L1');
      state().undo(uid);
      expect(annotations()).toHaveLength(0);
    });

    it('discards a proposal on cancel, on another tool and when assistance is turned off', () => {
      state().setTool('vertebra');
      for (const discard of [() => state().cancelDraft(), () => state().setTool('length'), () => state().toggleAssist()]) {
        state().setTool('vertebra');
        state().propose({ plane: IMAGE_PLANE, points: proposed, source: 'snapped', rough: proposed, detail: '' });
        discard();
        expect(state().proposal).toBeNull();
      }
      expect(state().assist).toBe(false);
      state().toggleAssist();
      expect(state().assist).toBe(true);
      expect(annotations()).toHaveLength(0);
    });

    it('relabels a finished vertebra, and refuses a level already measured on its image', () => {
      state().acceptVertebra(uid, IMAGE_PLANE, 'T12', proposed);
      state().acceptVertebra(uid, IMAGE_PLANE, 'L1', wedgePoints(200, 0));
      const t12 = annotations().find((a) => a.type === 'vertebra' && a.level === 'T12')!;
      state().relabel(uid, t12.id, 'L1');
      expect(state().notice).toContain('L1 is already measured');
      state().relabel(uid, t12.id, 'T11');
      expect(annotations().map((a) => a.type === 'vertebra' && a.level).sort()).toEqual(['L1', 'T11']);
      state().undo(uid);
      expect(annotations().map((a) => a.type === 'vertebra' && a.level).sort()).toEqual(['L1', 'T12']);
    });
  });
});
