/**
 * Content items of a TID 1500 report (PS3.3 C.17.3, PS3.16) as dcmjs naturalized objects: the builders the
 * writer uses and the look-ups the reader uses, shared by the report and by each measurement's definition.
 */
import type { Length } from '../measure/types';
import { foldToAscii } from './ascii-text';
import { CODES, UNITS, sameCode, type Code } from './sr-codes';

export type Item = Record<string, unknown>;

/** A TEXT item: SpineLab's own words, in ASCII so the report needs no character set for them. */
export const text = (relationship: string, concept: Code, value: string): Item => ({
  RelationshipType: relationship,
  ValueType: 'TEXT',
  ConceptNameCodeSequence: [concept],
  TextValue: foldToAscii(value),
});

export const code = (relationship: string, concept: Code, value: Code): Item => ({
  RelationshipType: relationship,
  ValueType: 'CODE',
  ConceptNameCodeSequence: [concept],
  ConceptCodeSequence: [value],
});

export const uidRef = (relationship: string, concept: Code, uid: string): Item => ({
  RelationshipType: relationship,
  ValueType: 'UIDREF',
  ConceptNameCodeSequence: [concept],
  UID: uid,
});

export const container = (relationship: string, concept: Code, children: Item[]): Item => ({
  RelationshipType: relationship,
  ValueType: 'CONTAINER',
  ConceptNameCodeSequence: [concept],
  ContinuityOfContent: 'SEPARATE',
  ContentSequence: children,
});

/** A NUM; an unknown value is said so with a Numeric Value Qualifier (PS3.3 C.18.1), not left out. */
export function num(concept: Code, value: number | undefined, unit: Code, children: Item[] = []): Item {
  const measured =
    value !== undefined && Number.isFinite(value)
      ? { MeasuredValueSequence: [{ MeasurementUnitsCodeSequence: [unit], NumericValue: value }] }
      : { MeasuredValueSequence: [], NumericValueQualifierCodeSequence: [CODES.valueUnknown] };
  return {
    RelationshipType: 'CONTAINS',
    ValueType: 'NUM',
    ConceptNameCodeSequence: [concept],
    ...measured,
    ...(children.length ? { ContentSequence: children } : {}),
  };
}

export function lengthNum(concept: Code, length: Length | undefined, children: Item[] = []): Item {
  return num(concept, length?.value, length?.unit === 'px' ? UNITS.pixels : UNITS.mm, children);
}

/** dcmjs naturalizes a one-item sequence either as an array or as the item itself. */
export function items(value: unknown): Item[] {
  if (Array.isArray(value)) return value as Item[];
  return typeof value === 'object' && value !== null ? [value as Item] : [];
}

export const concept = (item: Item): Item | undefined => items(item.ConceptNameCodeSequence)[0];
export const conceptCode = (item: Item): Item | undefined => items(item.ConceptCodeSequence)[0];
export const children = (item: Item): Item[] => items(item.ContentSequence);
export const single = (value: unknown): unknown => (Array.isArray(value) ? value[0] : value);

export function find(list: Item[], code: Code): Item | undefined {
  return list.find((i) => sameCode(concept(i), code));
}

export function textOf(list: Item[], code: Code): string | undefined {
  const value = single(find(list, code)?.TextValue);
  return typeof value === 'string' ? value : undefined;
}
