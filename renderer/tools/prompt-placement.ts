/**
 * Where the tool prompt sits on the viewport: a band across the top, or across the bottom when what the
 * reader is placing lies under the top band (the pointer, the draft's points, a picked endplate). The
 * prompt is centred and may be wide, so only heights are compared.
 */
import type { Vec2 } from '../../shared/measure/types';

export type PromptSide = 'top' | 'bottom';

/** The prompt box's edge from the viewport edge (below the corner texts), its height, and room around it. */
export const PROMPT_INSET_PX = 64;
export const PROMPT_BAND_PX = PROMPT_INSET_PX + 32 + 12;

/** The band a screen point lies in, if any. */
export function bandOf(p: Vec2, viewportHeight: number): PromptSide | undefined {
  if (p.y <= PROMPT_BAND_PX) return 'top';
  if (p.y >= viewportHeight - PROMPT_BAND_PX) return 'bottom';
  return undefined;
}

/**
 * The side with fewer of the points being placed under it; the pointer counts above all of them, since the
 * next click goes there. Ties stay at the top.
 */
export function promptSide(placing: readonly Vec2[], pointerBand: PromptSide | undefined, viewportHeight: number): PromptSide {
  const weight = { top: 0, bottom: 0 };
  for (const p of placing) {
    const band = bandOf(p, viewportHeight);
    if (band) weight[band] += 1;
  }
  if (pointerBand) weight[pointerBand] += placing.length + 1;
  return weight.top > weight.bottom ? 'bottom' : 'top';
}
