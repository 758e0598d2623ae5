const NICE_LENGTHS_MM = [1, 2, 5, 10, 20, 50, 100, 200, 500];

/** The longest round length (mm) that fits in `maxScreenPx` at `mmPerScreenPx`, with its size on screen. */
export function scaleBarLength(mmPerScreenPx: number, maxScreenPx: number): { mm: number; px: number } | undefined {
  if (!(mmPerScreenPx > 0) || !(maxScreenPx > 0)) return undefined;
  const fitting = NICE_LENGTHS_MM.filter((mm) => mm / mmPerScreenPx <= maxScreenPx);
  const mm = fitting[fitting.length - 1];
  return mm === undefined ? undefined : { mm, px: mm / mmPerScreenPx };
}
