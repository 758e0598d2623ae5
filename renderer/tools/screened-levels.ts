import type { ScreenedVertebra, SpineScreening } from '../../shared/assist/spine-screen';
import { levelBelow } from '../../shared/measure/levels';
import type { VertebralLevel } from '../../shared/measure/types';

/**
 * The level each screened body gets when the reader accepts it: the screening's proposal where the ribs
 * anchored the count, otherwise counted down from the reader's starting level for the highest body shown.
 */
export function screenedLevels(screening: SpineScreening, startingLevel: VertebralLevel): (VertebralLevel | undefined)[] {
  if (screening.levels.anchored) return screening.vertebrae.map((v: ScreenedVertebra) => v.level);
  let level: VertebralLevel | undefined = startingLevel;
  return screening.vertebrae.map(() => {
    const here = level;
    level = level && levelBelow(level);
    return here;
  });
}
