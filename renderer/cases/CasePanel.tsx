import type { ReaderGenantGrade, VertebralLevel } from '../../shared/measure/types';
import { scoreAttempt } from '../../shared/training/score';
import type { PlaneContext } from '../tools/plane-context';
import { freehandMeasurements, resultsForPlane } from '../../shared/measure/plane-measurements';
import { useTrainingStore } from './training-store';

/** A sample case beside the viewer: its notes, the answer on request, and scoring of the trainee's work. */
export function CasePanel({ caseId, ctx }: { caseId: string; ctx: PlaneContext }) {
  const details = useTrainingStore((s) => s.details);
  const showAnswer = useTrainingStore((s) => s.showAnswer);
  const score = useTrainingStore((s) => s.score);
  const progress = useTrainingStore((s) => s.progress[caseId]);
  if (!details) return <p className="panel-empty">Loading the case notes…</p>;
  const study = details.studies.find((s) => s.studyInstanceUid === ctx.studyInstanceUid);

  const submit = () => {
    if (!study) return;
    const { results } = resultsForPlane(ctx);
    const finalGrades: Partial<Record<VertebralLevel, ReaderGenantGrade>> = {};
    for (const a of ctx.annotations) if (a.type === 'vertebra' && a.finalGrade !== undefined) finalGrades[a.level] = a.finalGrade;
    const cobbs = Object.values(freehandMeasurements(ctx)).flatMap((m) => ('signedDeg' in m && m.kind === 'cobb' ? [m] : []));
    useTrainingStore.getState().recordScore(caseId, scoreAttempt(study, results, finalGrades, cobbs));
  };

  return (
    <div className="case-panel" data-testid="case-panel">
      <h3 className="case-panel-title">{details.title}</h3>
      <section>
        <h4>History</h4>
        <p>{details.history}</p>
        <h4>What to look at</h4>
        <p>{details.whatToLookAt}</p>
        <h4>What to measure</h4>
        <p>{details.whatToMeasure}</p>
      </section>
      <div className="case-actions">
        <button type="button" className="button button-primary" onClick={submit} disabled={!study} data-testid="submit-answer">
          Submit for scoring
        </button>
        <button type="button" className={`button${showAnswer ? ' button-on' : ''}`} aria-pressed={showAnswer} onClick={() => useTrainingStore.getState().toggleAnswer()} data-testid="show-answer">
          {showAnswer ? 'Hide answer' : 'Show answer'}
        </button>
      </div>
      {!study && <p className="panel-warning">Open an image of this case's studies to be scored.</p>}
      {score && (
        <section className="score-card" data-testid="score-card" aria-live="polite">
          <div className="score-total">
            Score <strong data-testid="score-percent">{score.percent}%</strong> ({score.points} / {score.maxPoints})
          </div>
          <ul className="score-items">
            {score.items.map((item, i) => (
              <li key={i} className={item.points === item.maxPoints ? 'score-ok' : item.points > 0 ? 'score-partial' : 'score-miss'} data-testid="score-item">
                <strong>{item.metric}</strong>: {item.measured !== undefined ? `${fmt(item.measured, item.unit)} vs ` : ''}expert {fmt(item.expected, item.unit)} — {item.feedback}
              </li>
            ))}
          </ul>
        </section>
      )}
      {(score || showAnswer) && (
        <section>
          <h4>The answer</h4>
          <p data-testid="answer-explained">{details.answerExplained}</p>
        </section>
      )}
      {progress && (
        <p className="results-footnote">
          Attempts: {progress.attempts} · best {progress.bestPercent}% · last {progress.lastPercent}%
        </p>
      )}
    </div>
  );
}

function fmt(v: number, unit: 'mm' | '°' | 'grade'): string {
  return unit === 'grade' ? `grade ${v}` : `${v.toFixed(1)}${unit === 'mm' ? ' mm' : '°'}`;
}
