import type { EdgeLetters } from '../../shared/dicom/orientation';

interface V {
  readonly x: number;
  readonly y: number;
}

/**
 * Orientation letters for the screen edges after rotation and flips: each screen edge takes the letter
 * of the image direction that now points towards it. `imageX`/`imageY` are the on-screen vectors of one
 * step along the image's +x and +y.
 */
export function screenLetters(letters: EdgeLetters, imageX: V, imageY: V): EdgeLetters {
  const candidates: Array<[V, string]> = [
    [imageX, letters.right],
    [{ x: -imageX.x, y: -imageX.y }, letters.left],
    [imageY, letters.bottom],
    [{ x: -imageY.x, y: -imageY.y }, letters.top],
  ];
  const towards = (target: V) => candidates.reduce((best, c) => (c[0].x * target.x + c[0].y * target.y > best[0].x * target.x + best[0].y * target.y ? c : best))[1];
  return { right: towards({ x: 1, y: 0 }), left: towards({ x: -1, y: 0 }), bottom: towards({ x: 0, y: 1 }), top: towards({ x: 0, y: -1 }) };
}
