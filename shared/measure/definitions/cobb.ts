/** A Cobb angle between two lines, each drawn by hand or following a measured vertebra's endplate (DOMAIN.md §2). */
import { angleLabel, endplateLabel, endplateLine, measureAngle } from '../angles';
import { isVertebralLevel, levelIndex } from '../levels';
import type { Endplate, EndplateRef, Vec2 } from '../types';
import type { Checker } from '../../model/checker';
import type { Annotation, CobbAnnotation, CobbLine } from '../../model/types';
import { CODES, UNITS, sameCode } from '../../report/sr-codes';
import { concept, find, num, single, text } from '../../report/sr-items';
import { ANGLE_CSV_COLUMNS, type MeasurementDefinition } from './definition';

/**
 * The two image points of a Cobb line, following a vertebra's endplate when the line refers to one. The
 * vertebra is looked up among the annotations of the plane shown, which for a reformat are already in
 * that plane's pixels.
 */
export function cobbLinePoints(line: CobbLine, onPlane: readonly Annotation[]): readonly [Vec2, Vec2] | undefined {
  if (line.kind === 'drawn') return [line.from, line.to];
  const v = onPlane.find((a) => a.id === line.annotationId);
  if (v?.type !== 'vertebra') return undefined;
  const { from, to } = endplateLine(v.points, line.endplate);
  return [from, to];
}

/**
 * The endplate label of a Cobb annotation whose both lines follow endplates, head end first whichever
 * was picked first, e.g. "T12 sup – L2 inf" (DOMAIN.md §2), so it matches the same angle measured elsewhere.
 */
export function cobbEndplateLabel(cobb: CobbAnnotation, annotations: readonly Annotation[]): string | undefined {
  const refs = cobb.lines.map((line) => {
    const vertebra = line.kind === 'endplate' ? annotations.find((a) => a.id === line.annotationId) : undefined;
    return vertebra?.type === 'vertebra' && line.kind === 'endplate' ? { level: vertebra.level, endplate: line.endplate } : undefined;
  });
  if (!refs[0] || !refs[1]) return undefined;
  const [first, second] = levelIndex(refs[0].level) <= levelIndex(refs[1].level) ? [refs[0], refs[1]] : [refs[1], refs[0]];
  return angleLabel(first, second);
}

function validateCobbLine(check: Checker, value: unknown, path: string): CobbLine | undefined {
  const kind = typeof value === 'object' && value !== null ? (value as { kind?: unknown }).kind : undefined;
  if (kind === 'drawn') {
    const o = check.object(value, path, ['kind', 'from', 'to']);
    if (!o) return undefined;
    const from = check.vec2(o.from, `${path}.from`);
    const to = check.vec2(o.to, `${path}.to`);
    return from && to ? { kind, from, to } : undefined;
  }
  if (kind === 'endplate') {
    const o = check.object(value, path, ['kind', 'annotationId', 'endplate']);
    if (!o) return undefined;
    const annotationId = check.id(o.annotationId, `${path}.annotationId`);
    const endplate = check.oneOf(o.endplate, `${path}.endplate`, ['superior', 'inferior'] as const);
    return annotationId !== undefined && endplate !== undefined ? { kind, annotationId, endplate } : undefined;
  }
  return check.fail(`${path}.kind`, 'must be "drawn" or "endplate"');
}

/**
 * "line 2 follows L2 inferior": the endplate by its level, so the report holds no internal ids and a
 * reader finds the vertebra of that level on the same plane. Reports written before named the vertebra
 * by its annotation id ("line 2 follows a1b2 inferior"); those are still read.
 */
const FOLLOWS_PATTERN = /^line ([12]) follows (\S+) (superior|inferior)$/;
const followsText = (index: number, ref: EndplateRef) => `line ${index + 1} follows ${endplateLabel(ref)}`;

export const cobbDefinition: MeasurementDefinition<'cobb'> = {
  type: 'cobb',
  tool: { name: 'cobb', label: 'Cobb angle', key: 'c', help: 'Cobb angle (click two endplates or draw two lines)' },
  pointsNeeded: 4,
  prompt: () => 'Cobb: click an endplate of a measured vertebra, or draw a line with two clicks; then the second line',

  build({ points, cobbLines }) {
    const lines: CobbLine[] = [...cobbLines];
    for (let i = 0; i + 1 < points.length; i += 2) lines.push({ kind: 'drawn', from: points[i], to: points[i + 1] });
    return { lines: [lines[0], lines[1]] };
  },

  // A line that follows an endplate moves with the vertebra's points; only drawn lines have handles.
  handles: (a) => a.lines.flatMap((l) => (l.kind === 'drawn' ? [l.from, l.to] : [])),
  withHandleMoved(a, index, to) {
    let k = 0;
    const lines = a.lines.map((l) => {
      if (l.kind !== 'drawn') return l;
      const moved = k === index ? { ...l, from: to } : k + 1 === index ? { ...l, to } : l;
      k += 2;
      return moved;
    });
    return { ...a, lines: [lines[0], lines[1]] };
  },

  measure(a, plane, nextNumber) {
    const [l1, l2] = a.lines.map((l) => cobbLinePoints(l, plane.annotations));
    // Named by its endplates when it follows them, so it can be matched with an expert's; else numbered.
    const label = cobbEndplateLabel(a, plane.annotations) ?? `Cobb ${nextNumber()}`;
    if (!l1 || !l2) return undefined;
    return measureAngle('cobb', label, { from: l1[0], to: l1[1] }, { from: l2[0], to: l2[1] }, plane.spacing, plane.orientation);
  },
  reportRow: (measured) =>
    measured && 'signedDeg' in measured ? { label: measured.label, kind: measured.kind, signedDeg: measured.signedDeg, description: measured.description } : undefined,
  engineAngleLabel: cobbEndplateLabel,
  csv: { columns: ANGLE_CSV_COLUMNS, rows: (own, { angleRowsOf, angleRecord }) => angleRowsOf(own).map(angleRecord) },

  validation: {
    required: ['lines'],
    fields(check, o, path) {
      const lines = check.array(o.lines, `${path}.lines`, 2, 2);
      if (!lines) return undefined;
      const first = validateCobbLine(check, lines[0], `${path}.lines[0]`);
      const second = validateCobbLine(check, lines[1], `${path}.lines[1]`);
      return first && second ? { lines: [first, second] } : undefined;
    },
    references: (a) => a.lines.flatMap((line, j) => (line.kind === 'endplate' ? [{ path: `lines[${j}].annotationId`, annotationId: line.annotationId }] : [])),
  },

  sr: {
    concept: CODES.cobbAngle,
    write(a, plane, { tracking, scoord, annotations, angleOf }) {
      const angle = angleOf(a);
      const vertebrae = new Map(annotations.map((x) => [x.id, x]));
      const points: Vec2[] = [];
      const follows = [];
      for (const [index, line] of a.lines.entries()) {
        if (line.kind === 'drawn') {
          points.push(line.from, line.to);
          continue;
        }
        const vertebra = vertebrae.get(line.annotationId);
        if (vertebra?.type !== 'vertebra') return `its line follows annotation ${line.annotationId}, which is not a vertebra`;
        const { from, to } = endplateLine(vertebra.points, line.endplate);
        points.push(from, to);
        follows.push(text('CONTAINS', CODES.cobbLineFollows, followsText(index, { level: vertebra.level, endplate: line.endplate })));
      }
      return [
        ...tracking(a.id),
        ...(angle ? [text('CONTAINS', CODES.angleLabel, angle.label)] : []),
        num(CODES.cobbAngle, angle?.signedDeg, UNITS.deg, [scoord(plane, points)]),
        ...follows,
      ];
    },
    read(group, { geometryOf, vertebraOn }) {
      const geometry = geometryOf(find(group, CODES.cobbAngle));
      if (!geometry || geometry.points.length !== 4) return undefined;
      const p = geometry.points;
      const lines: [CobbLine, CobbLine] = [
        { kind: 'drawn', from: p[0], to: p[1] },
        { kind: 'drawn', from: p[2], to: p[3] },
      ];
      for (const item of group.filter((i) => sameCode(concept(i), CODES.cobbLineFollows))) {
        const match = FOLLOWS_PATTERN.exec(String(single(item.TextValue)));
        if (!match) continue;
        const [, line, key, endplate] = match as unknown as [string, string, string, Endplate];
        // A level names the vertebra on this plane; anything else is the annotation id of an older report.
        const annotationId = isVertebralLevel(key) ? vertebraOn(geometry.plane, key) : key;
        if (annotationId !== undefined) lines[Number(line) - 1] = { kind: 'endplate', annotationId, endplate };
      }
      return { plane: geometry.plane, fields: { lines } };
    },
  },
};
