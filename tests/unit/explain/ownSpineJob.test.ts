import { beforeEach, describe, expect, it, vi } from 'vitest';
import { atOnce, cropAroundVertebra, cutBuffers, vertebraFrame } from '../../../renderer/explain/ctCrop';
import type { Stack } from '../../../renderer/viewer/stack';
import { spinePhantom } from './spine-ct-phantom';

const phantom = spinePhantom({ columns: 150, slices: 110, pixelMm: 0.8, sliceMm: 1.5, heights: { anterior: 19, posterior: 28 } });

// The viewer's memoised volume of the stack, and a watch on any second assembly of one.
const volumeOf = vi.fn((stack: Stack) => { void stack; return phantom.volume; });
vi.mock('../../../renderer/viewer/reformat-stacks', () => ({ volumeOf: (stack: Stack) => volumeOf(stack) }));
vi.mock('../../../shared/volume/volume', async (original) => {
  const actual = await original<typeof import('../../../shared/volume/volume')>();
  return { ...actual, buildVolume: vi.fn(actual.buildVolume) };
});

const { ownSpineJob } = await import('../../../renderer/explain/useOwnSpineModel');
const { buildVolume } = await import('../../../shared/volume/volume');

describe('the job the own-CT worker is given', () => {
  beforeEach(() => vi.clearAllMocks());
  const ct = { key: 'ct-stack', modality: 'CT' } as Stack;

  it('is cut from the viewer\'s own volume of the stack, not from a second assembly', () => {
    const job = atOnce(ownSpineJob(ct, phantom.points));
    if ('refusal' in job) throw new Error(job.refusal);
    expect(volumeOf).toHaveBeenCalledTimes(1);
    expect(volumeOf.mock.calls[0][0]).toBe(ct);
    expect(buildVolume).not.toHaveBeenCalled();
    // The voxels are the CT's stored values, in buffers of their own that hold nothing else (to transfer).
    const [wx, wy, wz] = job.cut.dimensions;
    expect(job.cut.slices).toHaveLength(wz);
    for (const s of job.cut.slices) expect(s.constructor).toBe(phantom.volume.slices[0].constructor);
    const buffers = cutBuffers(job.cut);
    expect(buffers.some((b) => phantom.volume.slices.some((s) => s.buffer === b))).toBe(false);
    expect(buffers.reduce((n, b) => n + b.byteLength, 0)).toBe(wx * wy * wz * phantom.volume.slices[0].BYTES_PER_ELEMENT);
    expect(wx * wy * wz).toBeLessThan(phantom.volume.slices.length * phantom.volume.slices[0].length);
  });

  it('is cut in steps, so that the UI thread can draw frames between them', () => {
    const steps = ownSpineJob(ct, phantom.points);
    let yields = 0;
    while (!steps.next().done) yields++;
    expect(yields).toBeGreaterThan(0);
  });

  it('gives the worker the same crop as the whole CT would', () => {
    const job = atOnce(ownSpineJob(ct, phantom.points));
    if ('refusal' in job) throw new Error(job.refusal);
    const fromCut = cropAroundVertebra(job.cut, job.frame);
    const fromWhole = cropAroundVertebra(phantom.volume, vertebraFrame(phantom.points));
    if ('refusal' in fromCut || 'refusal' in fromWhole) throw new Error('refused');
    expect(fromCut.size).toEqual(fromWhole.size);
    let worst = 0;
    for (let n = 0; n < fromWhole.hu.length; n++) worst = Math.max(worst, Math.abs(fromCut.hu[n] - fromWhole.hu[n]));
    expect(worst).toBeLessThan(0.01);
  });

  it('refuses at once a CT that does not cover the level, with nothing sent', () => {
    const far = { ...phantom.points };
    for (const name of Object.keys(far) as (keyof typeof far)[]) far[name] = [far[name][0], far[name][1], far[name][2] + 400];
    expect(atOnce(ownSpineJob(ct, far))).toEqual({ refusal: 'level-not-covered' });
  });
});
