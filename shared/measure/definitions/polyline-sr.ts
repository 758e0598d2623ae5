/** The SR reading shared by the measurements that are a NUM over a polyline of a fixed number of points. */
import type { AnnotationPlane } from '../../model/types';
import type { Code } from '../../report/sr-codes';
import { find, type Item } from '../../report/sr-items';
import type { Vec2 } from '../types';
import type { SrReadContext } from './definition';

/** The NUM of `concept` and its geometry, when the geometry has exactly `count` points. */
export function polylineOf(group: Item[], concept: Code, count: number, { geometryOf }: SrReadContext): { num: Item | undefined; plane: AnnotationPlane; points: Vec2[] } | undefined {
  const numItem = find(group, concept);
  const geometry = geometryOf(numItem);
  if (!geometry || geometry.points.length !== count) return undefined;
  return { num: numItem, plane: geometry.plane, points: geometry.points };
}
