import type { Drawing } from './drawing';
import { drawSegment } from './segment';
import { fmt } from './svg-parts';

export const drawLength: Drawing<'length'> = (a, view) => {
  const measured = view.freehand[a.id];
  const mm = measured && 'value' in measured ? measured.value : 0;
  return drawSegment({ id: a.id, testId: 'length-annotation', points: a.points, text: `${fmt(mm)} ${view.badge}`, colour: '#7fd4ff', view });
};
