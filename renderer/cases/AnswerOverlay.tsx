import { SIX_POINT_NAMES } from '../../shared/measure/six-points';
import type { Vec2 } from '../../shared/measure/types';
import type { Annotation } from '../../shared/model/types';
import { imageToCanvas } from '../viewer/canvas-coordinates';
import type { AnswerVertebra } from './answer-geometry';

const EXPERT = '#e6f3ff';

/**
 * The expert's points over the image ("show answer"), and, for each vertebra the trainee measured at
 * the same level, a line from each of their points to the expert's: the difference, drawn.
 */
export function AnswerOverlay({ element, answer, annotations }: { element: HTMLDivElement; answer: readonly AnswerVertebra[]; annotations: readonly Annotation[] }) {
  const screen = (p: Vec2) => imageToCanvas(element, p);
  return (
    <svg className="answer-overlay" aria-hidden="true" data-testid="answer-overlay">
      {answer.map((v) => {
        const p = SIX_POINT_NAMES.map((k) => screen(v.points[k]));
        const mine = annotations.find((a) => a.type === 'vertebra' && a.level === v.level);
        return (
          <g key={v.level} data-testid="answer-vertebra" data-level={v.level}>
            <polyline points={[p[0], p[1], p[2]].map((q) => `${q.x},${q.y}`).join(' ')} fill="none" stroke={EXPERT} strokeWidth={1.4} strokeDasharray="3 3" />
            <polyline points={[p[3], p[4], p[5]].map((q) => `${q.x},${q.y}`).join(' ')} fill="none" stroke={EXPERT} strokeWidth={1.4} strokeDasharray="3 3" />
            {p.map((q, i) => (
              <rect key={i} x={q.x - 3} y={q.y - 3} width={6} height={6} fill="none" stroke={EXPERT} strokeWidth={1.2} />
            ))}
            <text x={(p[0].x + p[3].x) / 2 - 10} y={(p[0].y + p[3].y) / 2} fill={EXPERT} fontSize={12} textAnchor="end" paintOrder="stroke" stroke="#000" strokeWidth={3}>
              expert {v.level}
            </text>
            {mine?.type === 'vertebra' &&
              SIX_POINT_NAMES.map((k, i) => {
                const q = screen(mine.points[k]);
                return <line key={`d${i}`} x1={q.x} y1={q.y} x2={p[i].x} y2={p[i].y} stroke="#ff5c8a" strokeWidth={1.5} data-testid="answer-difference" />;
              })}
          </g>
        );
      })}
    </svg>
  );
}
