/**
 * Golden outputs, recorded on main before the measurement definitions replaced the per-type switches:
 * the same annotations of every type (on acquired images and on a reformat) must give the same CSV,
 * SR bytes, SR read-back, PDF bytes, validation results, handles and measured values, byte for byte.
 * The snapshot file beside this test holds the expected text; the hashes below pin the binary exports.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { PixelSpacing } from '../../../shared/calibration';
import type { OrientedImage } from '../../../shared/measure/anatomical-directions';
import { handlesOf, withHandleMoved } from '../../../shared/measure/definitions';
import { freehandMeasurements, resultsForPlane, type MeasuredPlane } from '../../../shared/measure/plane-measurements';
import { userCalibratedSpacing } from '../../../shared/measure/user-calibration';
import { annotationsOnPlane } from '../../../shared/model/plane';
import type { Annotation, AnnotationPlane, StudyAnnotations } from '../../../shared/model/types';
import { validateLeniently, validateStudyAnnotations } from '../../../shared/model/validate';
import { buildResultsCsv } from '../../../shared/report/csv';
import { buildPdfReport } from '../../../shared/report/pdf';
import { buildSr } from '../../../shared/report/sr';
import { readSr } from '../../../shared/report/sr-read';
import type { ReportInput } from '../../../shared/report/study-info';
import { IMAGE_PLANE, OTHER_IMAGE_PLANE, SAGITTAL_PLANE, sampleDocument } from '../model/sample-document';
import { SOURCE_IMAGES, STUDY } from '../report/report-input';

const NOW = new Date('2025-05-06T07:08:09.000Z');
const FILE_SPACING: PixelSpacing = { rowMm: 0.5, columnMm: 0.5, source: 'calibrated', note: 'Pixel Spacing 0.5 mm' };
const LATERAL: OrientedImage = { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 }, source: 'header' };
const SOURCES = SOURCE_IMAGES.map((image) => ({ ...image, frameOfReferenceUid: '1.2.826.0.1.3680043.8.498.77' }));

/** The sample document with one more annotation of each free-hand type, and a mixed Cobb. */
function goldenDocument(): StudyAnnotations {
  const doc = sampleDocument();
  const at = '2025-01-02T03:00:09.000Z';
  const extra: Annotation[] = [
    {
      id: 'cobb-mixed',
      type: 'cobb',
      createdAt: at,
      plane: IMAGE_PLANE,
      lines: [
        { kind: 'endplate', annotationId: 'v-l1', endplate: 'inferior' },
        { kind: 'drawn', from: { x: 95, y: 232 }, to: { x: 140, y: 228.5 } },
      ],
    },
    { id: 'ang-2', type: 'angle', createdAt: at, plane: IMAGE_PLANE, points: [{ x: 5, y: 40 }, { x: 25, y: 10 }, { x: 50, y: 35 }] },
    { id: 'len-ref', type: 'length', createdAt: at, plane: SAGITTAL_PLANE, points: [{ x: 20, y: 30 }, { x: 60, y: 90 }] },
    { id: 'ang-ref', type: 'angle', createdAt: at, plane: SAGITTAL_PLANE, points: [{ x: 10, y: 10 }, { x: 40, y: 10 }, { x: 70, y: 50 }] },
    {
      id: 'cobb-ref',
      type: 'cobb',
      createdAt: at,
      plane: SAGITTAL_PLANE,
      lines: [
        { kind: 'drawn', from: { x: 100, y: 300 }, to: { x: 135, y: 296 } },
        { kind: 'endplate', annotationId: 'v-ref', endplate: 'inferior' },
      ],
    },
  ];
  return { ...doc, annotations: [...doc.annotations, ...extra] };
}

/** What the viewer knows of a plane: its annotations, the spacing in force (the reader's calibration first) and its orientation. */
function contextOf(doc: StudyAnnotations, plane: AnnotationPlane): MeasuredPlane {
  const annotations = annotationsOnPlane(doc, plane);
  const calibration = annotations.find((a) => a.type === 'calibration');
  const fileSpacing: PixelSpacing =
    plane.kind === 'reformat' ? { rowMm: plane.rowSpacingMm, columnMm: plane.columnSpacingMm, source: 'calibrated', note: 'reformat' } : FILE_SPACING;
  const spacing = calibration?.type === 'calibration' ? userCalibratedSpacing(calibration.points[0], calibration.points[1], calibration.knownLengthMm, fileSpacing) : fileSpacing;
  return { spacing, orientation: LATERAL, annotations };
}

function inputFor(doc: StudyAnnotations, plane: AnnotationPlane): ReportInput {
  const ctx = contextOf(doc, plane);
  const { results, error } = resultsForPlane(ctx);
  if (!results) throw new Error(error ?? 'no vertebra on this plane');
  return { doc: { ...doc, annotations: ctx.annotations }, results, study: STUDY, annotationMeasurements: freehandMeasurements(ctx) };
}

const sha256 = (bytes: Uint8Array | string) => createHash('sha256').update(bytes).digest('hex');
const PLANES = { image: IMAGE_PLANE, sagittal: SAGITTAL_PLANE } as const;

describe('golden outputs of every annotation type (kept through the measurement-definition refactor)', () => {
  const doc = goldenDocument();

  it('measured values on each plane', () => {
    const measured = [IMAGE_PLANE, OTHER_IMAGE_PLANE, SAGITTAL_PLANE].map((plane) => {
      const ctx = contextOf(doc, plane);
      return { spacing: ctx.spacing, ...resultsForPlane(ctx), freehand: freehandMeasurements(ctx) };
    });
    expect(measured).toMatchSnapshot();
  });

  for (const [name, plane] of Object.entries(PLANES)) {
    it(`CSV of the ${name} plane`, () => {
      expect(buildResultsCsv(inputFor(doc, plane))).toMatchSnapshot();
    });

    it(`SR of the ${name} plane, and what reads back from it`, () => {
      let counter = 0;
      const newUid = () => `1.2.826.0.1.3680043.8.498.99.${++counter}`;
      const sr = buildSr(inputFor(doc, plane), { now: NOW, sourceImages: SOURCES, newUid });
      expect({ sha256: sha256(sr.bytes), length: sr.bytes.length, omitted: sr.omitted }).toMatchSnapshot();
      expect(readSr(sr.bytes)).toMatchSnapshot();
    });

    it(`PDF of the ${name} plane`, async () => {
      const bytes = await buildPdfReport(inputFor(doc, plane), { now: NOW, calibrationNotes: ['Pixel Spacing 0.5 mm'] });
      expect(sha256(bytes)).toMatchSnapshot();
    });
  }

  it('SR of an image whose source is missing: the reasons for leaving annotations out', () => {
    const sr = buildSr(inputFor(doc, IMAGE_PLANE), { now: NOW, sourceImages: [], newUid: () => '1.2.3' });
    expect(sr.omitted).toMatchSnapshot();
  });

  it('validation of the document, of broken annotations of each type, and lenient reading', () => {
    const broken = structuredClone(doc) as unknown as { annotations: Record<string, unknown>[] };
    const [t12, , , cobb, , len, ang, cal] = broken.annotations;
    (t12.points as Record<string, unknown>).middleSuperior = { x: 'a', y: 1 };
    t12.finalGrade = 4;
    (cobb.lines as Record<string, unknown>[])[1] = { kind: 'endplate', annotationId: 'nope', endplate: 'middle' };
    len.points = [{ x: 1, y: 2 }];
    ang.points = [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: Infinity }];
    cal.knownLengthMm = 0;
    const unknownType = { ...len, id: 'zz', type: 'spline', points: [] };
    const extraKey = { ...ang, id: 'yy', points: [{ x: 1, y: 2 }, { x: 3, y: 4 }, { x: 5, y: 6 }], colour: 'red' };
    const dangling = {
      id: 'cobb-dangling',
      type: 'cobb',
      createdAt: '2025-01-02T03:00:09.000Z',
      plane: IMAGE_PLANE,
      lines: [
        { kind: 'endplate', annotationId: 'v-l2', endplate: 'superior' },
        { kind: 'endplate', annotationId: 'len-1', endplate: 'inferior' },
      ],
    };
    const bad = { ...broken, annotations: [...broken.annotations, unknownType, extraKey, dangling] };
    const lenientInput = { ...doc, annotations: [...doc.annotations.slice(1), unknownType, extraKey, dangling, doc.annotations[5]] };
    expect({
      valid: validateStudyAnnotations(doc),
      invalid: validateStudyAnnotations(bad),
      lenient: validateLeniently(lenientInput),
    }).toMatchSnapshot();
  });

  it('handles of every annotation, and each handle moved', () => {
    const moved = doc.annotations.map((a) => ({
      id: a.id,
      handles: handlesOf(a),
      moved: handlesOf(a).map((_, i) => withHandleMoved(a, i, { x: 1000 + i, y: 2000 + i })),
    }));
    expect(moved).toMatchSnapshot();
  });

  it('the pinned hashes match the snapshot (so a regenerated snapshot cannot hide a change in bytes)', () => {
    const hashes = Object.fromEntries(
      Object.entries(PLANES).map(([name, plane]) => {
        const input = inputFor(doc, plane);
        let counter = 0;
        const sr = buildSr(input, { now: NOW, sourceImages: SOURCES, newUid: () => `1.2.826.0.1.3680043.8.498.99.${++counter}` });
        return [name, { csv: sha256(buildResultsCsv(input)), sr: sha256(sr.bytes) }];
      }),
    );
    expect(hashes).toEqual(GOLDEN_HASHES);
  });
});

const GOLDEN_HASHES = {
  image: {
    csv: 'a665a21604477da1570dd2095860a13274fdf054775403362da5c0769da19fcb',
    sr: '656742013a176d8c192380eaf5ea9b7dfa4f3e9c143c50fe483492cc9d97b2cc',
  },
  sagittal: {
    csv: 'c899cd58bafaf245bcf34803c63c7800718751b95d5f468d30efa66b2b639c9f',
    sr: '4dc48034dcddaaf4518f71c4124d3e95c220620b135eb01f1e81af3baa8e272c',
  },
};
