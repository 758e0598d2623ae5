import { describe, expect, it } from 'vitest';
import { buildResultsCsv } from '../../../shared/report/csv';
import { reportInput } from './report-input';

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
    expect(new Set(records.map((r) => r.length))).toEqual(new Set([17]));
    expect(records[0].slice(0, 3)).toEqual(['Row', 'Level or endplates', 'Ha']);
    expect(records.map((r) => r[1])).toEqual(['Level or endplates', 'T12', 'L1', 'L2', 'T12 sup – L2 inf', 'T12 sup – L2 inf', 'Drawn Cobb', 'Angle 1']);
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
    const labels = parseCsv(csv).slice(4).map((r) => r[1]);
    expect(labels).toEqual([`'=HYPERLINK("http://x","click")`, `'@SUM(A1), "quoted"\nline`, `'-1+1`]);
  });
});
