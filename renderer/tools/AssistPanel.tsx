import { useEffect, useMemo, useState } from 'react';
import type { ScreeningResult, SpineScreening } from '../../shared/assist/spine-screen';
import { samePlane } from '../../shared/model/plane';
import { isVolume } from '../../shared/volume/volume';
import { sliceOf, sourceStackOf, stackByKey, useStudyStore } from '../app/study-store';
import { volumeOf } from '../viewer/reformat-stacks';
import type { Stack } from '../viewer/stack';
import { useMeasureStore } from './measure-store';
import { planeOf, reformatPlane } from './plane-context';
import { screenedLevels } from './screened-levels';

type Screen = { status: 'idle' } | { status: 'running' } | { status: 'done'; screening: SpineScreening; accepted: ReadonlySet<number> } | { status: 'failed'; reason: string };

const mm = (v: number) => v.toFixed(1);
const pct = (v: number) => `${Math.round(100 * v)}%`;

function screenInWorker(stack: Stack): Promise<ScreeningResult> {
  const volume = volumeOf(stack);
  if (!isVolume(volume)) return Promise.resolve({ error: `This series cannot be screened: ${volume.error}.` });
  return new Promise((resolve) => {
    const worker = new Worker(new URL('../workers/screen-spine-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<ScreeningResult>) => {
      resolve(event.data);
      worker.terminate();
    };
    worker.onerror = () => {
      resolve({ error: 'The screening could not run.' });
      worker.terminate();
    };
    worker.postMessage(volume);
  });
}

/** Shows the sagittal reformat of the screened series at the screening's plane, in the active viewport. */
function showScreenedPlane(source: Stack, screening: SpineScreening): void {
  const study = useStudyStore.getState();
  study.showPlane(study.activeViewport, 'sagittal');
  const after = useStudyStore.getState();
  const shown = stackByKey(after, after.viewports[after.activeViewport]);
  if (!shown?.reformat) return;
  const wanted = reformatPlane(source.seriesInstanceUid, 'sagittal', screening.plane);
  const index = shown.headers.findIndex((_, i) => samePlane(planeOf(shown, i), wanted));
  if (index >= 0 && index !== sliceOf(after, shown)) after.setSlice(shown.key, index);
}

/**
 * Assisted morphometry controls: assistance on or off, and on CT the screening of the whole spine, whose
 * bodies are listed with heights, ratios and suggested grades — proposals only, until the reader accepts.
 */
export function AssistPanel({ stack }: { stack: Stack }) {
  const assist = useMeasureStore((s) => s.assist);
  const nextLevel = useMeasureStore((s) => s.nextLevel);
  const loading = useStudyStore((s) => s.progress !== null);
  const source = useStudyStore((s) => sourceStackOf(s, stack));
  const [screen, setScreen] = useState<Screen>({ status: 'idle' });
  useEffect(() => setScreen({ status: 'idle' }), [source.key]);
  const isCt = source.modality === 'CT' && source.imageIds.length > 2;

  const run = async () => {
    setScreen({ status: 'running' });
    const result = await screenInWorker(source);
    if ('error' in result) return setScreen({ status: 'failed', reason: result.error });
    setScreen({ status: 'done', screening: result, accepted: new Set() });
    showScreenedPlane(source, result);
  };

  const levels = useMemo(() => (screen.status === 'done' ? screenedLevels(screen.screening, nextLevel) : []), [screen, nextLevel]);

  const accept = (indices: readonly number[]) => {
    if (screen.status !== 'done') return;
    const { screening } = screen;
    const plane = reformatPlane(source.seriesInstanceUid, 'sagittal', screening.plane);
    const store = useMeasureStore.getState();
    for (const i of indices) {
      const level = levels[i];
      if (level) store.acceptVertebra(source.studyInstanceUid, plane, level, screening.vertebrae[i].points);
    }
    setScreen({ ...screen, accepted: new Set([...screen.accepted, ...indices]) });
    showScreenedPlane(source, screening);
  };

  return (
    <section className="assist-panel" aria-label="Assisted morphometry" data-testid="assist-panel">
      <div className="level-row">
        <button type="button" className={`button${assist ? ' button-active' : ''}`} aria-pressed={assist} onClick={() => useMeasureStore.getState().toggleAssist()} data-testid="assist-toggle" title="N">
          Assisted placement: {assist ? 'on' : 'off'} (N)
        </button>
        {isCt && (
          <button type="button" className="button" disabled={loading || screen.status === 'running'} onClick={() => void run()} data-testid="screen-spine">
            {screen.status === 'running' ? 'Screening…' : 'Screen the spine'}
          </button>
        )}
      </div>
      {screen.status === 'failed' && (
        <p className="results-footnote" role="alert" data-testid="screening-error">
          {screen.reason}
        </p>
      )}
      {screen.status === 'done' && (
        <div className="screening" data-testid="screening">
          <p className="results-footnote">
            {screen.screening.vertebrae.length} bodies on the mid-sagittal plane;{' '}
            <strong>{screen.screening.vertebrae.filter((v) => v.proposedFracture).length} proposed fractures</strong> (suggested Genant grade ≥ 1) to confirm. Levels:{' '}
            {screen.screening.levels.anchored ? `proposed — ${screen.screening.levels.explanation}` : `counted down from your starting level ${nextLevel}. ${screen.screening.levels.explanation}`} Nothing is saved until you accept it.
          </p>
          {screen.screening.warnings.map((w) => (
            <p key={w} className="results-footnote">
              {w}
            </p>
          ))}
          <table className="results-table" data-testid="screening-table">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col" title="Anterior, middle and posterior heights, mm">Heights mm</th>
                <th scope="col">Ha/Hp</th>
                <th scope="col">Hm/Hp</th>
                <th scope="col">Grade</th>
                <th scope="col" />
              </tr>
            </thead>
            <tbody>
              {screen.screening.vertebrae.map((v, i) => (
                <tr key={v.order} className={v.proposedFracture ? 'screening-fracture' : undefined} data-testid="screening-row" data-fracture={v.proposedFracture} data-level={levels[i] ?? ''}>
                  <th scope="row">{levels[i] ?? '—'}</th>
                  <td>
                    {mm(v.heights.ha.value)} / {mm(v.heights.hm.value)} / {mm(v.heights.hp.value)}
                  </td>
                  <td>{pct(v.ratios.wedge)}</td>
                  <td>{pct(v.ratios.biconcave)}</td>
                  <td title={v.warnings.join(' · ') || undefined}>
                    {v.suggestedGrade}
                    {v.proposedFracture ? ' ⚑' : ''}
                  </td>
                  <td>
                    {screen.accepted.has(i) ? (
                      <span className="results-footnote">accepted</span>
                    ) : (
                      <button type="button" className="button" disabled={!levels[i]} onClick={() => accept([i])} aria-label={`Accept ${levels[i] ?? 'this body'}`} data-testid="screening-accept">
                        Accept
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="level-row">
            <button type="button" className="button" onClick={() => accept(screen.screening.vertebrae.map((_, i) => i).filter((i) => !screen.accepted.has(i)))} data-testid="screening-accept-all">
              Accept all
            </button>
          </div>
        </div>
      )}
    </section>
  );
}
