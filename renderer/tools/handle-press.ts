/**
 * What a press on a point handle means while a tool is active. Handles sit on top of the drawing layer, so
 * without this a reader who clicks a measured vertebra's corner to start a Cobb line would grab the point
 * instead: with the Cobb tool a click (no movement) on a vertebra's point picks the endplate it lies on,
 * and only a press that travels becomes a drag.
 */
import { SIX_POINT_NAMES } from '../../shared/measure/six-points';
import type { Vec2 } from '../../shared/measure/types';
import type { Annotation, CobbLine } from '../../shared/model/types';
import type { Draft, ToolName } from './measure-store';

/** Screen pixels a press may travel and still be a click: a hand on a mouse or pad wobbles a few pixels. */
export const CLICK_TRAVEL_PX = 4;

export function travelledBeyondClick(from: Vec2, to: Vec2): boolean {
  return Math.hypot(to.x - from.x, to.y - from.y) > CLICK_TRAVEL_PX;
}

/** The Cobb tool picks endplates unless a drawn line waits for its second end. */
export function picksEndplates(tool: ToolName, draft: Draft | null): boolean {
  return tool === 'cobb' && !(draft?.tool === 'cobb' && draft.points.length % 2 === 1);
}

/** What a click on a handle does instead of grabbing it: pick its endplate, or place the tool's next point there. */
export type HandleClick = { readonly kind: 'endplate'; readonly line: CobbLine } | { readonly kind: 'point' };

/**
 * With the Cobb tool, a click on a measured vertebra's point is the tool's: it picks the endplate the point
 * lies on, or, while a drawn line waits for its second end, ends the line there. Otherwise a press grabs.
 */
export function clickOnHandle(tool: ToolName, draft: Draft | null, a: Annotation, handleIndex: number): HandleClick | undefined {
  if (tool !== 'cobb' || a.type !== 'vertebra') return undefined;
  if (!picksEndplates(tool, draft)) return { kind: 'point' };
  const name = SIX_POINT_NAMES[handleIndex];
  if (!name) return undefined;
  return { kind: 'endplate', line: { kind: 'endplate', annotationId: a.id, endplate: name.endsWith('Superior') ? 'superior' : 'inferior' } };
}
