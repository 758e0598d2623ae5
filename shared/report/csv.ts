/**
 * The results table as CSV (RFC 4180: comma-separated, CRLF line ends, fields quoted when they hold a
 * comma, quote or line break, quotes doubled). Text cells that a spreadsheet would run as a formula
 * (starting with = + - @, tab or carriage return; OWASP "CSV injection") get a leading apostrophe.
 * Numbers are written as numbers, so a negative (lordotic) angle stays a number.
 */
import { ANGLE_KIND_NAMES, angleRows, vertebraRows, type VertebraRow } from './results-table';
import type { ReportInput } from './study-info';

/** Text is guarded and quoted; numbers are written as they are; null is an empty field. */
type Cell = string | { readonly value: number; readonly decimals: number } | null;

const FORMULA_START = /^[=+\-@\t\r]/;

function textField(text: string): string {
  const guarded = FORMULA_START.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(guarded) ? `"${guarded.replace(/"/g, '""')}"` : guarded;
}

function field(cell: Cell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return textField(cell);
  return Number.isFinite(cell.value) ? cell.value.toFixed(cell.decimals) : '';
}

const mm = (value: number): Cell => ({ value, decimals: 1 });
const ratio = (value: number): Cell => ({ value, decimals: 2 });
const oneDecimal = (value: number): Cell => ({ value, decimals: 1 });

const HEADER: Cell[] = [
  'Row',
  'Level or endplates',
  'Ha',
  'Hm',
  'Hp',
  'Unit',
  'Calibration',
  'Ha/Hp',
  'Hm/Hp',
  'Anterior loss %',
  'Middle loss %',
  'Loss measured against',
  'Suggested Genant grade',
  'Final Genant grade (reader)',
  'Shape',
  'Angle (deg)',
  'Angle meaning',
];

function vertebraCells(row: VertebraRow): Cell[] {
  return [
    'vertebra',
    row.level,
    mm(row.ha.value),
    mm(row.hm.value),
    mm(row.hp.value),
    row.ha.unit,
    row.calibrationBadge,
    ratio(row.wedgeRatio),
    ratio(row.biconcaveRatio),
    oneDecimal(row.anteriorLossPercent),
    oneDecimal(row.middleLossPercent),
    row.lossReference,
    { value: row.suggestedGrade, decimals: 0 },
    row.finalGrade === undefined ? null : { value: row.finalGrade, decimals: row.finalGrade === 0.5 ? 1 : 0 },
    row.shape,
    oneDecimal(row.wedgeAngleDeg),
    'vertebral wedge angle (positive = anterior wedging)',
  ];
}

/** One table, so every record has the same fields: vertebrae, then angles (kyphosis positive, lordosis negative). */
export function buildResultsCsv(input: ReportInput): string {
  const angleCells = angleRows(input).map((angle): Cell[] => [
    'angle',
    angle.label,
    ...Array<Cell>(13).fill(null),
    oneDecimal(angle.signedDeg),
    `${ANGLE_KIND_NAMES[angle.kind]}, ${angle.description}`,
  ]);
  const records = [HEADER, ...vertebraRows(input).map(vertebraCells), ...angleCells];
  return records.map((cells) => cells.map(field).join(',')).join('\r\n') + '\r\n';
}
