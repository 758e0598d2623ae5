/**
 * Every kind of measurement, one definition each. Adding one: write its definition file beside these
 * (./definition.ts says what it holds), add its annotation type to shared/model/types.ts, add its line
 * here, and add its drawing in renderer/tools/drawings (whose record by type the compiler then asks for).
 * Everything else (tools, keys, help, validation, SR, results) reads this record.
 */
import type { Annotation, AnnotationType } from '../../model/types';
import type { Vec2 } from '../types';
import { angleDefinition } from './angle';
import { calibrationDefinition } from './calibration';
import { cobbDefinition } from './cobb';
import type { AnnotationFields, AnnotationOf, MeasurementDefinition } from './definition';
import { lengthDefinition } from './length';
import { vertebraDefinition } from './vertebra';

export const MEASUREMENTS: { readonly [T in AnnotationType]: MeasurementDefinition<T> } = {
  vertebra: vertebraDefinition,
  cobb: cobbDefinition,
  length: lengthDefinition,
  angle: angleDefinition,
  calibration: calibrationDefinition,
};

/** In registry order: the order the SR reader tries them and the tools are listed. */
export const MEASUREMENT_LIST: readonly MeasurementDefinition<AnnotationType>[] = Object.values(MEASUREMENTS) as MeasurementDefinition<AnnotationType>[];

/** The definition of an annotation's type, typed for that annotation. */
export function definitionOf<T extends AnnotationType>(a: AnnotationOf<T>): MeasurementDefinition<T> {
  return MEASUREMENTS[a.type as T];
}

export type { MeasurementTool } from './definition';

/** The draggable points of an annotation, in a fixed order so a drag can name one by index. */
export function handlesOf(a: Annotation): readonly Vec2[] {
  return definitionOf(a).handles(a);
}

/** The annotation with handle `index` moved to `to`. */
export function withHandleMoved<A extends Annotation>(a: A, index: number, to: Vec2): A {
  return definitionOf(a).withHandleMoved(a, index, to) as A;
}

/** The annotation with every handle moved by `move` (re-expressing it on another plane). */
export function withEveryHandleMoved<A extends Annotation>(a: A, move: (p: Vec2) => Vec2): A {
  return handlesOf(a).reduce<A>((moved, p, i) => withHandleMoved(moved, i, move(p)), a);
}

/** An annotation from what every annotation has and the fields its definition built or read, in the saved key order. */
export function assemble<T extends AnnotationType>(
  type: T,
  base: Pick<Annotation, 'id' | 'createdAt' | 'plane'>,
  fields: AnnotationFields<T>,
): AnnotationOf<T> {
  return { id: base.id, createdAt: base.createdAt, plane: base.plane, type, ...fields } as unknown as AnnotationOf<T>;
}
