/**
 * The results as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled). Text cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return; OWASP "CSV injection") get a leading apostrophe.
 * Numbers are written as numbers, so a negative (lordotic) angle stays a number.
 *
 * Every measurement definition contributes its columns and records (its `csv` piece); this module only
 * assembles them into one table in registry order, so every record has the same fields.
 */
import { MEASUREMENT_LIST } from '../measure/definitions';
import type { CsvContext } from '../measure/definitions/definition';
import type { CsvCell } from './csv-cell';
import { fixed } from './csv-cell';
import { ANGLE_KIND_NAMES, drawnAngleRows, engineAngleRows, vertebraRows } from './results-table';
import type { ReportInput } from './study-info';

const FORMULA_START = /^[=+\-@\t\r]/;

function textField(text: string): string {
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function field(cell: CsvCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return textField(cell);
  return Number.isFinite(cell.value) ? cell.value.toFixed(cell.decimals) : '';
}

function contextOf(input: ReportInput): CsvContext {
  const engineAngles = engineAngleRows(input.results);
  const listed = new Set(engineAngles.map((r) => r.label));
  return {
    vertebrae: vertebraRows(input),
    engineAngles,
    angleRowsOf: (annotations) => drawnAngleRows(annotations, input, listed),
    // Kyphosis positive, lordosis negative (DOMAIN.md §2).
    angleRecord: (row) => ({
      type: 'angle',
      label: row.label,
      cells: { 'Angle (deg)': fixed(row.signedDeg, 1), 'Angle meaning': `${ANGLE_KIND_NAMES[row.kind]}, ${row.description}` },
    }),
    valueOf: (a) => input.annotationMeasurements?.[a.id],
  };
}

/** One table: a "Row" column naming the kind of record, its label, then the columns of every definition. */
export function buildResultsCsv(input: ReportInput): string {
  const context = contextOf(input);
  const columns = [...new Set(MEASUREMENT_LIST.flatMap((d) => d.csv.columns))];
  const records = MEASUREMENT_LIST.flatMap((d) => d.csv.rows(input.doc.annotations.filter((a) => a.type === d.type), context));
  const header: CsvCell[] = ['Row', 'Level or endplates', ...columns];
  const rows = records.map((r): CsvCell[] => [r.type, r.label, ...columns.map((c) => r.cells[c] ?? null)]);
  return [header, ...rows].map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}
