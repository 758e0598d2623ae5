import { effectiveGrade } from '../../../shared/measure/genant';
import { GRADE_COLOURS } from '../grade-colours';
import type { Drawing } from './drawing';
import { Polyline, fmt, strokeWidth } from './svg-parts';

/** Both endplates, the three heights dashed, coloured by grade, labelled behind the body with level, grade and heights. */
export const drawVertebra: Drawing<'vertebra'> = (a, view) => {
  const m = view.results?.vertebrae.find((v) => v.level === a.level);
  const grade = m ? effectiveGrade(m.suggestedGrade, a.finalGrade) : 0;
  const colour = GRADE_COLOURS[String(grade)];
  const P = a.points;
  const [as, ms, ps, ai, mi, pi] = [P.anteriorSuperior, P.middleSuperior, P.posteriorSuperior, P.anteriorInferior, P.middleInferior, P.posteriorInferior].map(view.toScreen);
  const { posterior } = view;
  const wall = { x: (ps.x + pi.x) / 2, y: (ps.y + pi.y) / 2 };
  const labelAt = {
    x: wall.x + posterior.x * 18,
    y: wall.y + posterior.y * 18 - 8,
  };
  const anchor = posterior.x < 0 ? 'end' : 'start';
  const text = m
    ? [`${a.level}  G${grade}${a.finalGrade !== undefined ? ' (reader)' : ''}`, `Ha ${fmt(m.heights.ha.value)} Hm ${fmt(m.heights.hm.value)} Hp ${fmt(m.heights.hp.value)} ${view.badge}`]
    : [a.level];
  return {
    label: { target: wall, at: labelAt, anchor, lines: text, colour },
    render: (label) => (
      <g key={a.id} data-testid="vertebra-annotation" data-level={a.level} onPointerDown={view.onSelect} className={view.selected ? 'annotation-selected' : undefined}>
        <Polyline points={[as, ms, ps]} colour={colour} width={strokeWidth(view.selected)} />
        <Polyline points={[ai, mi, pi]} colour={colour} width={strokeWidth(view.selected)} />
        <Polyline points={[as, ai]} colour={colour} dashed width={1} />
        <Polyline points={[ms, mi]} colour={colour} dashed width={1} />
        <Polyline points={[ps, pi]} colour={colour} dashed width={1} />
        {label}
        {view.handles(colour)}
      </g>
    ),
  };
};
