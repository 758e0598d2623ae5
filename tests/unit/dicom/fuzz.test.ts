import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import type { DicomErrorKind } from '../../../shared/dicom/errors';
import { loadInstance } from '../../../shared/dicom/load-instance';
import { buildImage } from '../../fixtures/dicom/build-dicom';

const CORPUS = join(__dirname, '../../../../shared/dicom-corpus/files');
const KINDS: DicomErrorKind[] = ['not-dicom', 'truncated', 'unsupported-encoding', 'corrupt-pixel-data', 'too-large', 'no-pixel-data', 'invalid-header'];
const MUTATIONS = 300;

/** Seeds: files built here, plus small corpus files covering each encoding when the corpus is present. */
const CORPUS_SEEDS = ['CT_small.dcm', 'MR_small_RLE.dcm', 'MR_small_jpeg_ls_lossless.dcm', 'MR_small_jp2klossless.dcm', 'SC_rgb_jpeg_gdcm.dcm', 'SC_rgb_small_odd_jpeg.dcm', 'image_dfl.dcm', 'ExplVR_BigEnd.dcm', 'rtdose_rle.dcm'];
const seeds: Uint8Array[] = [
  buildImage({ rows: 16, columns: 16 }),
  buildImage({ rows: 8, columns: 8, bitsAllocated: 8, samplesPerPixel: 3 }, { transferSyntax: '1.2.840.10008.1.2' }),
  new Uint8Array(readFileSync(join(__dirname, '../../fixtures/dicom/jpeg-extended-12bit.dcm'))),
  ...CORPUS_SEEDS.map((name) => join(CORPUS, name)).filter(existsSync).map((path) => new Uint8Array(readFileSync(path))),
];

/** Mulberry32: a small seeded generator, so a failure reproduces from its mutation number. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Flips bytes, overwrites lengths with extremes, truncates, or duplicates a slice, chosen at random. */
function mutate(source: Uint8Array, next: () => number): Uint8Array {
  const bytes = source.slice();
  const at = () => Math.floor(next() * bytes.length);
  switch (Math.floor(next() * 4)) {
    case 0:
      for (let i = 0; i < 1 + next() * 16; i++) bytes[at()] = Math.floor(next() * 256);
      return bytes;
    case 1: {
      const position = at() & ~1;
      const extreme = [0xff, 0x00, 0x7f, 0xfe][Math.floor(next() * 4)];
      for (let i = 0; i < 4 && position + i < bytes.length; i++) bytes[position + i] = extreme;
      return bytes;
    }
    case 2:
      return bytes.subarray(0, at());
    default: {
      const start = at();
      const slice = bytes.subarray(start, start + Math.floor(next() * 64));
      const position = at();
      return Uint8Array.from([...bytes.subarray(0, position), ...slice, ...bytes.subarray(position)]);
    }
  }
}

describe('fuzzing: mutated valid files never escape as anything but a DicomError, and never hang', () => {
  it(`survives ${MUTATIONS} seeded mutations`, async () => {
    const codecs = createCodecProvider();
    const next = random(20240611);
    const outcomes = new Map<string, number>();
    for (let i = 0; i < MUTATIONS; i++) {
      const seed = seeds[i % seeds.length];
      const bytes = mutate(seed, next);
      const name = `mutation-${i}.dcm`;
      const result = await loadInstance(bytes, name, codecs);
      const outcome = result.ok ? 'decoded' : result.error.kind;
      if (!result.ok) {
        expect(KINDS, name).toContain(result.error.kind);
        expect(result.error.fileName).toBe(name);
      }
      outcomes.set(outcome, (outcomes.get(outcome) ?? 0) + 1);
    }
    expect([...outcomes.values()].reduce((a, b) => a + b, 0)).toBe(MUTATIONS);
    console.info('fuzz outcomes', Object.fromEntries(outcomes));
  }, 120_000);
});
