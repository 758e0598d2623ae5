import { useMemo } from 'react';
import { calibrationBadge } from '../../shared/calibration';
import { angleChange, heightRestoration, TYPICAL_ANGLE_ERROR_DEG } from '../../shared/measure/restoration';
import { resultsByStudy } from '../app/study-results';
import { useStudyStore } from '../app/study-store';
import { formatDicomDate } from '../viewer/dicom-text';
import { useMeasureStore } from './measure-store';

const formatDate = (d: string) => formatDicomDate(d) || 'undated';

/**
 * Before and after: the same patient's two measured studies side by side, with height restoration
 * (Teng et al., AJNR 2003: gain over loss) and angle change set against the ±5° manual error
 * (Morrissy 1990). The earlier study is "before".
 */
export function StudyComparison({ studyInstanceUid }: { studyInstanceUid: string }) {
  const stacks = useStudyStore((s) => s.stacks);
  const studies = useMeasureStore((s) => s.studies);
  // Only the documents matter: drawing, dragging and scrolling leave them (or the stacks) unchanged.
  const all = useMemo(() => resultsByStudy(stacks, studies), [stacks, studies]);
  const current = all.get(studyInstanceUid);
  if (!current) return null;
  const other = [...all.values()].find((s) => s.studyInstanceUid !== studyInstanceUid && s.patientId === current.patientId);
  if (!other) return null;
  const [pre, post] = [current, other].sort((a, b) => a.studyDate.localeCompare(b.studyDate));
  const rows = pre.results.vertebrae.flatMap((before) => {
    const after = post.results.vertebrae.find((v) => v.level === before.level);
    if (!after || before.suggestedGrade === 0) return [];
    const reference = before.loss.referenceHeights.anterior;
    return [{ level: before.level, before, after, restoration: heightRestoration(before.heights.ha, after.heights.ha, reference), reference }];
  });
  const angles = pre.results.angles.flatMap((a) => {
    const b = post.results.angles.find((x) => x.label === a.label);
    return b ? [{ label: a.label, pre: a.signedDeg, post: b.signedDeg, change: angleChange(a.signedDeg, b.signedDeg) }] : [];
  });
  if (rows.length === 0 && angles.length === 0) return null;
  const badge = calibrationBadge(pre.results.calibration);
  return (
    <section className="comparison" data-testid="study-comparison" aria-label="Before and after">
      <h3 className="comparison-title">
        Before {formatDate(pre.studyDate)} → after {formatDate(post.studyDate)}
      </h3>
      <ul className="results-details">
        {rows.map((r) => (
          <li key={r.level} data-testid="comparison-row">
            <strong>{r.level}</strong> Ha {r.before.heights.ha.value.toFixed(1)} → {r.after.heights.ha.value.toFixed(1)} {badge}
            {r.restoration
              ? `: ${Math.round(r.restoration.percent)}% of the lost anterior height restored (reference ${r.reference.value.toFixed(1)} ${badge})`
              : ''}
            ; Ha/Hp {r.before.ratios.wedge.toFixed(2)} → {r.after.ratios.wedge.toFixed(2)}, grade {r.before.suggestedGrade} → {r.after.suggestedGrade}.
          </li>
        ))}
        {angles.map((a) => (
          <li key={a.label} data-testid="comparison-angle">
            <strong>{a.label}</strong> {a.pre.toFixed(1)}° → {a.post.toFixed(1)}° ({a.change.changeDeg > 0 ? '+' : ''}
            {a.change.changeDeg.toFixed(1)}°){' '}
            {a.change.exceedsTypicalError ? 'beyond' : 'within'} the ±{TYPICAL_ANGLE_ERROR_DEG}° typical error of manual angle measurement.
          </li>
        ))}
      </ul>
    </section>
  );
}
