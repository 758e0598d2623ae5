import { describe, expect, it } from 'vitest';
import type { PixelSpacing } from '../../../shared/calibration';
import { MEASUREMENTS, MEASUREMENT_LIST } from '../../../shared/measure/definitions';
import { lengthDefinition } from '../../../shared/measure/definitions/length';
import { freehandMeasurements, resultsForPlane, spacingOnPlane } from '../../../shared/measure/plane-measurements';
import type { Annotation } from '../../../shared/model/types';
import { buildResultsCsv } from '../../../shared/report/csv';
import { IMAGE_PLANE, sampleDocument, wedgePoints } from '../model/sample-document';
import { STUDY, reportInput } from './report-input';

/** A small RFC 4180 reader, to check the output parses back to the same fields. */
function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  let field = '';
  let record: string[] = [];
  let quoted = false;
  const endField = () => {
    record.push(field);
    field = '';
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted && c === '"' && text[i + 1] === '"') {
      field += '"';
      i++;
    } else if (quoted && c === '"') {
      quoted = false;
    } else if (quoted) {
      field += c;
    } else if (c === '"') {
      quoted = true;
    } else if (c === ',') {
      endField();
    } else if (c === '\r' && text[i + 1] === '\n') {
      endField();
      records.push(record);
      record = [];
      i++;
    } else {
      field += c;
    }
  }
  return records;
}

describe('buildResultsCsv', () => {
  it('writes one row per level and one per angle, all with the same fields, CRLF line ends', () => {
    const csv = buildResultsCsv(reportInput());
    expect(csv.endsWith('\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/\n/);
    const records = parseCsv(csv);
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([19]));
    expect(records[0].slice(0, 3)).toEqual(['Row', 'Level or endplates', 'Ha']);
    expect(records.map((r) => r[1])).toEqual([
      'Level or endplates',
      'T12',
      'L1',
      'L2',
      'T12 superior – L2 inferior',
      'T12 superior – L2 inferior',
      'Drawn Cobb',
      'Length 1',
      'Angle 1',
      'Calibration line',
    ]);
    expect(records.map((r) => r[0]).slice(1)).toEqual(['vertebra', 'vertebra', 'vertebra', 'angle', 'angle', 'angle', 'length', 'angle', 'calibration']);
  });

  it('gives heights with unit and badge, ratios, losses with their reference, both grades, shape and wedge angle', () => {
    const l1 = parseCsv(buildResultsCsv(reportInput()))[2];
    expect(l1).toEqual([
      'vertebra',
      'L1',
      '20.0',
      '27.5',
      '30.0',
      'mm',
      'mm',
      '0.67',
      '0.92',
      '33.3',
      '8.3',
      expect.stringContaining('own posterior height'),
      '2',
      '2',
      'wedge',
      '15.9',
      'vertebral wedge angle (positive = anterior wedging)',
      '',
      '',
    ]);
  });

  it('keeps negative angles as numbers and labels angles by their endplates', () => {
    const records = parseCsv(buildResultsCsv(reportInput()));
    const drawn = records.find((r) => r[1] === 'Drawn Cobb');
    expect(drawn?.[15]).toBe('-22.6');
    expect(drawn?.[16]).toBe('Cobb angle, lordosis');
  });

  it('quotes and guards text that a spreadsheet would run as a formula', () => {
    const input = reportInput();
    const results = {
      ...input.results,
      angles: [
        { kind: 'cobb' as const, label: '=HYPERLINK("http://x","click")', signedDeg: 1, description: 'straight' as const },
        { kind: 'cobb' as const, label: '@SUM(A1), "quoted"\nline', signedDeg: 2, description: 'straight' as const },
        { kind: 'cobb' as const, label: '-1+1', signedDeg: 3, description: 'straight' as const },
      ],
    };
    const csv = buildResultsCsv({ ...input, results, annotationMeasurements: {} });
    expect(csv).toContain(`"'=HYPERLINK(""http://x"",""click"")"`);
    const labels = parseCsv(csv).slice(4, 7).map((r) => r[1]);
    expect(labels).toEqual([`'=HYPERLINK("http://x","click")`, `'@SUM(A1), "quoted"\nline`, `'-1+1`]);
  });

  it("lists each length and the reader's calibration, with the millimetres the calibration gave", () => {
    const at = '2025-01-02T03:00:00.000Z';
    const annotations: Annotation[] = [
      { id: 'v-l1', type: 'vertebra', createdAt: at, plane: IMAGE_PLANE, level: 'L1', points: wedgePoints(140, 20) },
      { id: 'len', type: 'length', createdAt: at, plane: IMAGE_PLANE, points: [{ x: 0, y: 0 }, { x: 0, y: 40 }] },
      // 100 px across a 25 mm object: 0.25 mm a pixel, so the 40 px length is 10 mm.
      { id: 'cal', type: 'calibration', createdAt: at, plane: IMAGE_PLANE, points: [{ x: 5, y: 5 }, { x: 105, y: 5 }], knownLengthMm: 25 },
    ];
    const fileSpacing: PixelSpacing = { rowMm: 1, columnMm: 1, source: 'detector', note: 'Imager Pixel Spacing 1 mm' };
    const plane = { annotations, spacing: spacingOnPlane(annotations, fileSpacing), orientation: { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } } };
    const { results } = resultsForPlane(plane);
    const doc = { ...sampleDocument(), annotations };
    const [header, ...records] = parseCsv(buildResultsCsv({ doc, results: results!, study: STUDY, annotationMeasurements: freehandMeasurements(plane) }));
    const rowOf = (type: string) => {
      const found = records.find((r) => r[0] === type);
      return found && Object.fromEntries(header.map((title, i) => [title, found[i]]));
    };
    expect(rowOf('length')).toMatchObject({ 'Level or endplates': 'Length 1', Length: '10.0', Unit: 'mm', Calibration: 'mm (user-calibrated)' });
    expect(rowOf('calibration')).toMatchObject({ 'Level or endplates': 'Calibration line', 'Known length (mm)': '25.00', Calibration: 'mm (user-calibrated)' });
    expect(rowOf('vertebra')).toMatchObject({ Ha: '5.0', Calibration: 'mm (user-calibrated)' });
  });

  it('takes a piece from every definition, and the registry cannot hold a definition without one', () => {
    const { csv: _csv, ...withoutCsv } = lengthDefinition;
    // @ts-expect-error the registry's type requires every definition's CSV piece (checked by tsc)
    const registry: typeof MEASUREMENTS = { ...MEASUREMENTS, length: withoutCsv };
    expect(registry.length.csv).toBeUndefined();
    for (const definition of MEASUREMENT_LIST) expect(definition.csv.columns.length).toBeGreaterThan(0);
  });
});
