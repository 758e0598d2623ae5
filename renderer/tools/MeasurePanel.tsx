import { useMemo } from 'react';
import { calibrationBadge } from '../../shared/calibration';
import { MEASUREMENT_LIST } from '../../shared/measure/definitions';
import { GENANT_GRADE_NAMES, effectiveGrade } from '../../shared/measure/genant';
import { VERTEBRAL_LEVELS } from '../../shared/measure/levels';
import type { ReaderGenantGrade, VertebralLevel } from '../../shared/measure/types';
import type { PatientPosition, StudyAnnotations, VertebraAnnotation } from '../../shared/model/types';
import { heightLossSentence } from '../../shared/report/height-loss-words';
import { GRADE_COLOURS } from './grade-colours';
import { useMeasureStore, type ToolName } from './measure-store';
import type { PlaneContext } from './plane-context';
import type { ExportKind } from './exports';
import { freehandMeasurements, resultsForPlane } from '../../shared/measure/plane-measurements';
import { StudyComparison } from './StudyComparison';

export const TOOLS: ReadonlyArray<readonly [ToolName, string, string]> = [
  ['navigate', 'Navigate', 'Esc'],
  ...MEASUREMENT_LIST.map(({ tool }) => [tool.name, tool.label, tool.key.toUpperCase()] as const),
];

const POSITIONS: ReadonlyArray<readonly [PatientPosition, string]> = [
  ['unknown', 'Not recorded'],
  ['standing', 'Standing'],
  ['sitting', 'Sitting'],
  ['supine', 'Supine (lying on the back)'],
  ['prone', 'Prone (lying face down)'],
];

const pct = (f: number) => `${Math.round(f * 100)}%`;
const mm = (v: number) => v.toFixed(1);

export interface MeasurePanelProps {
  readonly ctx: PlaneContext;
  readonly doc: StudyAnnotations | undefined;
  readonly readOnly: boolean;
  readonly onExport: (kind: ExportKind) => void;
}

export function MeasurePanel({ ctx, doc, readOnly, onExport }: MeasurePanelProps) {
  const tool = useMeasureStore((s) => s.tool);
  const nextLevel = useMeasureStore((s) => s.nextLevel);
  const levelStep = useMeasureStore((s) => s.levelStep);
  const saveError = useMeasureStore((s) => s.saveError);
  const notice = useMeasureStore((s) => s.notice);
  const store = useMeasureStore.getState();
  const uid = ctx.studyInstanceUid;
  const { results, error } = useMemo(() => resultsForPlane(ctx), [ctx]);
  // The reader's Cobb angles, named by the endplates they follow ("T12 superior – L2 inferior") or numbered.
  const cobbAngles = useMemo(
    () => Object.values(freehandMeasurements(ctx)).flatMap((m) => ('signedDeg' in m && m.kind === 'cobb' ? [m] : [])),
    [ctx],
  );
  const vertebraAnnotations = new Map(
    ctx.annotations.filter((a): a is VertebraAnnotation => a.type === 'vertebra').map((a) => [a.level, a]),
  );
  const badge = calibrationBadge(ctx.spacing.source);
  const elsewhere = (doc?.annotations.length ?? 0) - ctx.annotations.length;
  const position = doc?.patientPosition ?? 'unknown';

  return (
    <div className="measure-panel" aria-label="Measurements" role="region">
      <h2 className="panel-title">Measure</h2>
      <div className="tool-grid" role="toolbar" aria-label="Measurement tools">
        {TOOLS.map(([name, text, key]) => (
          <button
            key={name}
            type="button"
            className={`button tool-button${tool === name ? ' button-on' : ''}`}
            aria-pressed={tool === name}
            onClick={() => store.setTool(name)}
            title={`${text} (${key})`}
            data-testid={`tool-${name}`}
            disabled={readOnly && name !== 'navigate'}
          >
            {text} <kbd>{key}</kbd>
          </button>
        ))}
      </div>
      <div className="level-row">
        <label htmlFor="next-level">Next level</label>
        <select id="next-level" className="select" value={nextLevel} onChange={(e) => store.setNextLevel(e.target.value as VertebralLevel)} data-testid="next-level">
          {VERTEBRAL_LEVELS.map((l) => (
            <option key={l}>{l}</option>
          ))}
        </select>
        <button type="button" className="button" onClick={() => store.setLevelStep(levelStep === 'down' ? 'up' : 'down')} title="Direction the level label steps after each vertebra">
          then {levelStep === 'down' ? '↓ down' : '↑ up'}
        </button>
      </div>
      <div className="history-row">
        <button type="button" className="button" onClick={() => store.undo(uid)} title="Undo (Ctrl+Z)">
          Undo
        </button>
        <button type="button" className="button" onClick={() => store.redo(uid)} title="Redo (Ctrl+Shift+Z)">
          Redo
        </button>
        <label className="position-label">
          Position
          <select className="select" value={position} onChange={(e) => store.setPosition(uid, e.target.value as PatientPosition)} aria-label="Patient position the image was taken in">
            {POSITIONS.map(([value, text]) => (
              <option key={value} value={value}>
                {text}
              </option>
            ))}
          </select>
        </label>
      </div>
      <div className="calibration-note" data-testid="calibration-note">
        Lengths in <strong>{badge}</strong>: {ctx.spacing.note}
        {ctx.spacing.source === 'detector' && ' — magnified by the projection; ratios, % loss and angles are unaffected.'}
        {ctx.spacing.source === 'none' && ' — calibrate with an object of known size, or rely on ratios and angles.'}
      </div>
      {readOnly && <div className="panel-warning">Read-only: saved by a newer version of SpineLab.</div>}
      {saveError && <div className="panel-warning">Not saved: {saveError}</div>}
      {notice && <div className="panel-warning">{notice}</div>}
      {error && <div className="panel-warning">{error}</div>}

      {results && results.vertebrae.length > 0 ? (
        <>
          <table className="results-table" data-testid="results-table">
            <thead>
              <tr>
                <th scope="col">Level</th>
                <th scope="col">Ha</th>
                <th scope="col">Hm</th>
                <th scope="col">Hp</th>
                <th scope="col" title="Anterior / posterior height">Ha/Hp</th>
                <th scope="col">Loss</th>
                <th scope="col">Grade</th>
              </tr>
            </thead>
            <tbody>
              {results.vertebrae.map((v) => {
                const annotation = vertebraAnnotations.get(v.level);
                const grade = effectiveGrade(v.suggestedGrade, annotation?.finalGrade);
                const loss = Math.max(v.loss.anterior, v.loss.middle, v.loss.posterior ?? 0);
                return (
                  <tr key={v.level} data-testid="result-row" data-level={v.level}>
                    <th scope="row">{v.level}</th>
                    <td data-testid="ha">{mm(v.heights.ha.value)}</td>
                    <td data-testid="hm">{mm(v.heights.hm.value)}</td>
                    <td data-testid="hp">{mm(v.heights.hp.value)}</td>
                    <td>{v.ratios.wedge.toFixed(2)}</td>
                    <td title={`${heightLossSentence(v.loss)}; measured against ${v.loss.referenceDetail}`}>{pct(Math.max(0, loss))}</td>
                    <td>
                      <span className="grade-chip" style={{ background: GRADE_COLOURS[String(grade)] }} title={`Suggested: grade ${v.suggestedGrade} (${GENANT_GRADE_NAMES[v.suggestedGrade]}), ${v.shape}`}>
                        {grade}
                      </span>
                      <select
                        className="select grade-select"
                        aria-label={`Reader's Genant grade for ${v.level}`}
                        value={annotation?.finalGrade === undefined ? '' : String(annotation.finalGrade)}
                        disabled={readOnly || !annotation}
                        onChange={(e) => {
                          if (!annotation) return;
                          const value = e.target.value;
                          const next: VertebraAnnotation = value === '' ? { ...annotation, finalGrade: undefined } : { ...annotation, finalGrade: Number(value) as ReaderGenantGrade };
                          store.replace(uid, next);
                        }}
                      >
                        <option value="">auto ({v.suggestedGrade})</option>
                        {['0', '0.5', '1', '2', '3'].map((g) => (
                          <option key={g} value={g}>
                            {g}
                          </option>
                        ))}
                      </select>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <p className="results-footnote">
            Heights in {badge}. Loss: {results.vertebrae.find((v) => v.level === results.mostSevereLevel)?.loss.referenceDetail ?? 'against each level’s reference (RadElement rule: the larger of own posterior height and normal neighbours)'}.
          </p>
          <ul className="results-details">
            {results.vertebrae.map((v) => (
              <li key={v.level} data-testid="loss-sentence" data-level={v.level}>
                <strong>{v.level}</strong>: {heightLossSentence(v.loss)}
                {v.suggestedGrade > 0 && `; ${v.shape} deformity, wedge angle ${v.wedgeAngleDeg.toFixed(1)}°`}.
              </li>
            ))}
            {[...results.angles, ...cobbAngles].map((a, i) => (
              <li key={i} data-testid="angle-result">
                <strong>{a.kind === 'local-kyphosis' ? 'Local kyphosis' : a.kind === 'cobb' ? 'Cobb' : 'Angle'}</strong> {a.label}: {Math.abs(a.signedDeg).toFixed(1)}° {a.description}
              </li>
            ))}
            {results.totalAnteriorHeightLoss.value > 0 && (
              <li>
                Estimated anterior height lost across measured levels: <strong>{mm(results.totalAnteriorHeightLoss.value)} {badge}</strong>
              </li>
            )}
          </ul>
        </>
      ) : (
        <p className="panel-empty">
          No vertebrae measured on this image. Choose <strong>6-point vertebra</strong> (V) and click the six points of each body.
          {elsewhere > 0 && ` ${elsewhere} measurement${elsewhere === 1 ? '' : 's'} on other images of this study.`}
        </p>
      )}
      <StudyComparison studyInstanceUid={ctx.studyInstanceUid} />
      {ctx.orientation.source === 'assumed' && (
        <p className="results-footnote">
          {ctx.header.imageOrientationPatient
            ? 'This plane shows no front–back and head–foot directions together: measure vertebrae on a sagittal image.'
            : 'Orientation not in the file: anterior assumed on the left, head at the top.'}
        </p>
      )}
      <div className="export-row">
        <button type="button" className="button" onClick={() => onExport('csv')} data-testid="export-csv">
          Export CSV
        </button>
        <button type="button" className="button" onClick={() => onExport('sr')} data-testid="export-sr">
          DICOM SR
        </button>
        <button type="button" className="button" onClick={() => onExport('pdf')} data-testid="export-pdf">
          PDF report
        </button>
        <button type="button" className="button" onClick={() => onExport('pacs')} data-testid="export-pacs" title="Store the DICOM SR on the PACS server chosen under PACS">
          SR to PACS
        </button>
      </div>
    </div>
  );
}
