import { useMemo, useState } from 'react';
import { VERTEBRAL_LEVELS } from '../../shared/measure/levels';
import type { VertebralLevel } from '../../shared/measure/types';
import { manualShape, REFERENCE_CASE_SHAPE, shapeFromMeasurements } from '../../shared/procedure/patientShape';
import type { PatientSpineShape } from '../../shared/procedure/types';
import { ExplainView } from '../explain/ExplainView';
import { useOwnSpineModel } from '../explain/useOwnSpineModel';
import { useMeasureStore } from '../tools/measure-store';
import { measuredFracture } from './study-results';
import { useStudyStore } from './study-store';

/**
 * The explainer screen: the 3D model shaped by this study's worst measured fracture, or by values
 * the clinician sets by hand; and the presentation mode for the consult room.
 */
export function ExplainScreen() {
  const stacks = useStudyStore((s) => s.stacks);
  const studies = useMeasureStore((s) => s.studies);
  const measured = useMemo(() => measuredFracture(stacks, studies), [stacks, studies]);
  const [useManual, setUseManual] = useState(false);
  const [level, setLevel] = useState<VertebralLevel>(REFERENCE_CASE_SHAPE.fracturedLevel as VertebralLevel);
  const [ha, setHa] = useState(REFERENCE_CASE_SHAPE.heightsMm.anterior);
  const [hm, setHm] = useState(REFERENCE_CASE_SHAPE.heightsMm.middle);
  const [hp, setHp] = useState(REFERENCE_CASE_SHAPE.heightsMm.posterior);
  const [kyphosis, setKyphosis] = useState(REFERENCE_CASE_SHAPE.localKyphosisDeg);
  const [presenting, setPresenting] = useState(false);

  const fromStudy = useMemo(() => (measured ? shapeFromMeasurements(measured) : undefined), [measured]);
  // Kept as the same object while its inputs hold: a new shape rebuilds the 3D model.
  const shape: PatientSpineShape = useMemo(
    () => (!useManual && fromStudy && !('error' in fromStudy) ? fromStudy : manualShape(level, { anterior: ha, middle: hm, posterior: hp }, kyphosis)),
    [useManual, fromStudy, level, ha, hm, hp, kyphosis],
  );

  // The patient's own vertebrae where the study holds a CT with this level measured on it.
  const own = useOwnSpineModel(shape.fracturedLevel, stacks, studies);

  const number = (value: number, set: (v: number) => void, label: string, unit: string) => (
    <label className="field-inline">
      {label}
      <input className="input input-number" type="number" step="0.1" value={value} onChange={(e) => set(Number(e.target.value))} aria-label={`${label} in ${unit}`} />
      <span className="unit">{unit}</span>
    </label>
  );

  return (
    <div className="explain-screen">
      {!presenting && (
        <div className="explain-source" aria-label="Model shape">
          {measured && fromStudy && !('error' in fromStudy) && !useManual ? (
            <span data-testid="shape-source">
              Shaped by this study: <strong>{measured.level}</strong> Ha {measured.anteriorMm.toFixed(1)} · Hm {measured.middleMm.toFixed(1)} · Hp {measured.posteriorMm.toFixed(1)} mm, local kyphosis{' '}
              {measured.localKyphosisDeg.toFixed(0)}° ({measured.from}).
            </span>
          ) : (
            <span className="explain-manual" data-testid="shape-source">
              {measured ? 'Chosen by hand:' : 'No measured fracture in this study; chosen by hand:'}
              <label className="field-inline">
                Level
                <select className="select" value={level} onChange={(e) => setLevel(e.target.value as VertebralLevel)}>
                  {VERTEBRAL_LEVELS.map((l) => (
                    <option key={l}>{l}</option>
                  ))}
                </select>
              </label>
              {number(ha, setHa, 'Ha', 'mm')}
              {number(hm, setHm, 'Hm', 'mm')}
              {number(hp, setHp, 'Hp', 'mm')}
              {number(kyphosis, setKyphosis, 'Kyphosis', '°')}
            </span>
          )}
          {measured && (
            <button type="button" className="button" onClick={() => setUseManual((m) => !m)}>
              {useManual ? 'Use the measured fracture' : 'Set by hand'}
            </button>
          )}
          <button type="button" className="button button-primary" onClick={() => setPresenting(true)} data-testid="start-presentation">
            Present to patient
          </button>
        </div>
      )}
      <div className="explain-stage">
        <ExplainView shape={shape} own={own} presentation={presenting} onExitPresentation={() => setPresenting(false)} />
      </div>
    </div>
  );
}
