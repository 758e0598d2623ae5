import { frameRange, type DecodedFrame } from '../../shared/dicom/pixel-types';
import { createDecodePool, type DecodePool } from '../workers/decode-pool';
import type { FileSource } from '../platform';
import { useMeasureStore } from '../tools/measure-store';
import { createBatcher } from './batcher';
import { useStudyStore, type LoadedInstance } from './study-store';

/** A DICOM SR written by SpineLab brings its measurements back onto their own images. */
async function importMeasurementReport(source: FileSource): Promise<boolean> {
  // dcmjs is loaded only when a report is actually opened.
  const { readSr } = await import('../../shared/report/sr-read');
  const read = readSr(new Uint8Array(await source.read()));
  if (!read.ok) return false;
  await useMeasureStore.getState().importDocument(read.value);
  return true;
}

let pool: DecodePool | undefined;
function decodePool(): DecodePool {
  pool ??= createDecodePool();
  return pool;
}

/**
 * Decoding leaves most frames' value ranges to first use (frameRange); measuring the rest while the UI
 * is idle means a volume built later finds them ready, without having slowed the load.
 */
function measureRangesWhenIdle(frames: readonly DecodedFrame[], generation: number): void {
  let next = 0;
  const step = (deadline: IdleDeadline) => {
    // A study opened since then makes these frames garbage: leave them.
    if (useStudyStore.getState().generation !== generation) return;
    while (next < frames.length && deadline.timeRemaining() > 1) frameRange(frames[next++]);
    if (next < frames.length) requestIdleCallback(step);
  };
  requestIdleCallback(step);
}

/** Files that are plainly not DICOM by name; anything else is given to the parser to judge. */
const IGNORED = /(^|\/)(DICOMDIR|\.DS_Store|Thumbs\.db|desktop\.ini)$|\.(txt|xml|html?|pdf|jpe?g|png|exe|inf|ini|json)$/i;

/**
 * Loads files into the study store: reads and decodes them in the worker pool a few at a time,
 * handing instances over as they are ready (the first at once, then in batches), so the first image
 * shows long before the last.
 * A file that fails is listed with its reason; it never stops the others.
 */
export async function loadSources(sources: readonly FileSource[], label: string, caseId?: string): Promise<void> {
  const wanted = sources.filter((s) => !IGNORED.test(s.relativePath));
  const store = useStudyStore.getState();
  const generation = store.beginLoad(label, wanted, caseId);
  if (!caseId) store.setView('viewer');
  const concurrency = Math.max(2, (navigator.hardwareConcurrency || 2) * 2);
  let next = 0;
  let key = 0;
  const loaded: DecodedFrame[] = [];
  // Every hand-over re-sorts the stacks and re-renders the screen, which for hundreds of slices one at a
  // time kept the main thread busier than decoding: the first goes at once (first image), then batches.
  const batcher = createBatcher<LoadedInstance>((instances) => useStudyStore.getState().addInstances(generation, instances));

  async function work(): Promise<void> {
    while (next < wanted.length) {
      const source = wanted[next++];
      const name = source.relativePath || source.name;
      try {
        const bytes = await source.read();
        const result = await decodePool().loadInstance(bytes, name);
        const s = useStudyStore.getState();
        if (!result.ok && result.header?.modality === 'SR' && (await importMeasurementReport(source))) {
          s.addFailure(generation, { fileName: name, reason: 'SpineLab measurement report: its measurements were restored' }, true);
        } else if (!result.ok) {
          s.addFailure(generation, { fileName: name, reason: result.error.reason }, result.error.kind === 'no-pixel-data');
        } else {
          batcher.add({ key: `${generation}-${key++}`, fileName: name, header: result.header, frames: result.frames });
          for (const frame of result.frames) loaded.push(frame);
        }
      } catch (e) {
        useStudyStore.getState().addFailure(generation, { fileName: name, reason: e instanceof Error ? e.message : String(e) });
      }
    }
  }

  await Promise.all(Array.from({ length: Math.min(concurrency, wanted.length) }, work));
  batcher.flush();
  useStudyStore.getState().finishLoad(generation);
  measureRangesWhenIdle(loaded, generation);
}
