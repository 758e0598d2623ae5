// @vitest-environment happy-dom
/**
 * The study store with real decoded CT slices: batches that re-sort the stacks without moving the image on
 * screen, loads superseded by a newer one, the middle slice once all is in, synced scrolling, layouts,
 * and reformats refused while a series is still loading.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import { loadInstance } from '../../../shared/dicom/load-instance';
import { sliceOf, useStudyStore, type LoadedInstance } from '../../../renderer/app/study-store';
import { frameForImageId } from '../../../renderer/viewer/cornerstone-image';
import { reformatOnAcquiredGrid } from '../../../renderer/viewer/reformat-stacks';
import { writeCtSeries } from '../../fixtures/ct-series';

const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-study-store-'));
const STUDY = '1.2.826.0.1.3680043.8.498.2001';
let axial: LoadedInstance[] = [];
let other: LoadedInstance[] = [];

async function decoded(files: readonly string[], prefix: string): Promise<LoadedInstance[]> {
  const codecs = createCodecProvider();
  return Promise.all(
    files.map(async (file, i) => {
      const result = await loadInstance(new Uint8Array(readFileSync(file)), path.basename(file), codecs);
      if (!result.ok) throw new Error(result.error.reason);
      return { key: `${prefix}-${i}`, fileName: path.basename(file), header: result.header, frames: result.frames };
    }),
  );
}

beforeAll(async () => {
  for (const sub of ['a', 'b']) mkdirSync(path.join(dir, sub));
  axial = await decoded(writeCtSeries(path.join(dir, 'a'), { slices: 9, size: 32, studyInstanceUid: STUDY }), 'a');
  other = await decoded(writeCtSeries(path.join(dir, 'b'), { slices: 5, size: 32, studyInstanceUid: STUDY, seriesInstanceUid: `${STUDY}.2`, seriesDescription: 'second' }), 'b');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const state = () => useStudyStore.getState();
const shownStack = () => state().stacks.find((s) => s.key === state().viewports[0]);
const shownSopUid = () => {
  const stack = shownStack()!;
  return stack.headers[sliceOf(state(), stack)].sopInstanceUid;
};

describe('study store', () => {
  beforeEach(() => {
    state().closeStudy();
    state().setLayout('1x1');
    if (!state().syncScroll) state().toggleSyncScroll();
  });

  it('slices slot in around the image on screen; finishing the load opens the middle slice', () => {
    const generation = state().beginLoad('CT', []);
    state().addInstances(generation, [axial[4], axial[6]]);
    state().setSlice(shownStack()!.key, 1);
    const chosen = shownSopUid();
    state().addInstances(generation, [axial[0], axial[8], axial[2]]);
    expect(shownStack()!.imageIds).toHaveLength(5);
    expect(shownSopUid()).toBe(chosen);
    state().addInstances(generation, [axial[1], axial[3], axial[5], axial[7]]);
    expect(state().progress).toEqual({ done: 9, total: 0 });
    state().finishLoad(generation);
    expect(state().progress).toBeNull();
    // The reader scrolled, so the load does not move them to the middle.
    expect(shownSopUid()).toBe(chosen);
  });

  it('without scrolling, the finished load shows the middle slice of the first series', () => {
    const generation = state().beginLoad('CT', []);
    state().addInstances(generation, [...other, ...axial]);
    state().finishLoad(generation);
    const stack = shownStack()!;
    expect(sliceOf(state(), stack)).toBe(Math.floor(stack.imageIds.length / 2));
    expect(stack.key).toBe(state().stacks[0].key);
  });

  it('results of a superseded load are dropped', () => {
    const old = state().beginLoad('old', []);
    const current = state().beginLoad('new', []);
    state().addInstances(old, axial);
    state().addFailure(old, { fileName: 'x.dcm', reason: 'broken' });
    expect(state().stacks).toEqual([]);
    expect(state().failures).toEqual([]);
    state().addInstances(current, other);
    state().addFailure(current, { fileName: 'y.dcm', reason: 'not an image' }, true);
    expect(state().stacks).toHaveLength(1);
    expect(state().nonImages).toEqual([{ fileName: 'y.dcm', reason: 'not an image' }]);
  });

  it('a 1×2 layout starts with the next series, and synced scrolling moves it to the matching slice', () => {
    const generation = state().beginLoad('CT', []);
    state().addInstances(generation, [...axial, ...other]);
    state().finishLoad(generation);
    state().setLayout('1x2');
    const [first, second] = state().viewports.map((key) => state().stacks.find((s) => s.key === key)!);
    expect(second.key).not.toBe(first.key);
    // One frame of reference, the same slice spacing: the other view shows the slice at the same height.
    const height = (stack: typeof first, slice: number) => stack.headers[slice].imagePositionPatient![2];
    state().setSlice(first.key, 6);
    const matched = sliceOf(state(), second);
    expect(height(second, matched)).toBe(height(first, 6));
    state().setSlice(first.key, 7);
    expect(height(second, sliceOf(state(), second))).toBe(height(first, 7));
    state().toggleSyncScroll();
    state().setSlice(first.key, 6);
    expect(height(second, sliceOf(state(), second))).toBe(height(first, 7));
  });

  it('refuses to reformat while the series is still loading, and reformats once it is in', () => {
    const generation = state().beginLoad('CT', []);
    state().addInstances(generation, axial);
    state().showPlane(0, 'sagittal');
    expect(state().message).toMatch(/still loading/);
    expect(state().reformats).toEqual([]);
    state().finishLoad(generation);
    state().showPlane(0, 'sagittal');
    expect(state().message).toBeNull();
    expect(state().reformats.map((r) => r.reformat?.orientation)).toEqual(['sagittal']);
    expect(state().viewports[0]).toBe(state().reformats[0].key);
    state().showPlane(0, 'acquired');
    expect(state().viewports[0]).toBe(state().stacks[0].key);
  });

  it('closing the study empties it and supersedes its load', () => {
    const generation = state().beginLoad('CT', []);
    state().addInstances(generation, axial);
    state().closeStudy();
    state().addInstances(generation, other);
    expect(state().stacks).toEqual([]);
    expect(state().viewports).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('is where the image loaders find frames and reformat planes, and they find nothing once it is closed', () => {
    const generation = state().beginLoad('CT', []);
    state().addInstances(generation, axial);
    state().finishLoad(generation);
    const stack = state().stacks[0];
    expect(frameForImageId(stack.imageIds[4])?.frame).toBe(axial.find((a) => a.header.sopInstanceUid === stack.headers[4].sopInstanceUid)!.frames[0]);
    state().showPlane(0, 'sagittal');
    const sagittal = state().reformats[0];
    const plane = reformatOnAcquiredGrid(sagittal.imageIds[16]);
    // A sagittal plane of 9 axial slices of 32 × 32: 32 wide (front to back), 9 high.
    expect(plane && [plane.width, plane.height]).toEqual([32, 9]);
    state().closeStudy();
    expect(frameForImageId(stack.imageIds[4])).toBeUndefined();
    expect(reformatOnAcquiredGrid(sagittal.imageIds[16])).toBeUndefined();
  });
});
