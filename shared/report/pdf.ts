/**
 * A printable report with pdf-lib: disclaimer, study header (or de-identified), key images, the results
 * table with colour-coded grades and a legend, angles labelled by endplates, where the millimetres came
 * from, and the patient position. Built for a radiologist reading it on paper: aligned numeric columns,
 * units in the headers, the grade always written out so colour is never the only signal.
 */
import { PDFDocument, StandardFonts, rgb, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { DISCLAIMER } from '../api';
import { calibrationBadge, type CalibrationSource } from '../calibration';
import type { ReaderGenantGrade } from '../measure/types';
import { GENANT_GRADE_NAMES } from '../measure/genant';
import { LABEL_LINE_SPACING, placeKeyImageLabels, type KeyImageLabel, type PlacedLabel } from './key-image-labels';
import { ANGLE_KIND_NAMES, angleRows, gradeText, vertebraRows } from './results-table';
import { genantScaleWords } from './height-loss-words';
import type { ReportInput } from './study-info';

export interface KeyImage {
  readonly title: string;
  /** PNG bytes of the image with the annotations' lines, rendered by the viewer. */
  readonly png: Uint8Array;
  /** The annotations' labels, drawn by the report as text over the image so they stay legible on paper. */
  readonly labels?: readonly KeyImageLabel[];
}

export interface PdfOptions {
  readonly now: Date;
  /** Leave out the patient's name, ID, birth date, accession number and dates. */
  readonly deidentify?: boolean;
  readonly keyImages?: readonly KeyImage[];
  /** Details of the spacing used, e.g. "Imager Pixel Spacing 0.139 mm / ERMF 1.15" (PixelSpacing.note). */
  readonly calibrationNotes?: readonly string[];
}


const PAGE = { width: 595.28, height: 841.89, margin: 42 } as const;
const CONTENT_WIDTH = PAGE.width - 2 * PAGE.margin;
const INK = rgb(0.1, 0.1, 0.12);
const MUTED = rgb(0.4, 0.4, 0.45);
const RULE = rgb(0.75, 0.75, 0.78);
const WARNING = rgb(0.7, 0.1, 0.1);
/** Behind the labels on key images: dark, so light text reads over bright bone. */
const LABEL_BOX = rgb(0.04, 0.04, 0.06);

/** Ordered green → red; every cell also says the grade in words. */
export const GRADE_COLOURS: Readonly<Record<ReaderGenantGrade, RGB>> = {
  0: rgb(0.3, 0.65, 0.35),
  0.5: rgb(0.72, 0.8, 0.25),
  1: rgb(0.98, 0.75, 0.1),
  2: rgb(0.95, 0.45, 0.2),
  3: rgb(0.78, 0.15, 0.15),
};

const CALIBRATION_WORDS: Readonly<Record<CalibrationSource, string>> = {
  calibrated: 'Pixel Spacing (0028,0030): distances in the patient plane.',
  detector: 'Imager Pixel Spacing (0018,1164): distances at the detector, magnified by roughly 10-20 %; ratios, % loss and angles are unaffected.',
  'magnification-corrected': 'Imager Pixel Spacing corrected by the Estimated Radiographic Magnification Factor (0018,1114): an estimate.',
  user: 'calibrated by the reader against an object of known length.',
  none: 'no pixel spacing: lengths are in pixels; ratios, % loss and angles are still valid.',
};

/** The standard fonts speak WinAnsi only: anything else (e.g. a name in another script) becomes "?". */
function printable(text: string): string {
  const winAnsiExtras = '–—‘’“”•…€™°±';
  return text
    .replace(/[\u0000-\u001f\u0080-\u009f]/g, ' ')
    .replace(/≥/g, '>=')
    .replace(/≤/g, '<=')
    .replace(/[′″]/g, "'")
    .replace(/./gu, (c) => (c.charCodeAt(0) <= 0xff || winAnsiExtras.includes(c) ? c : '?'));
}

/** "Doe^Jane^^Dr" → "Doe, Jane" (PS3.5 §6.2.1.1: family^given^middle^prefix^suffix). */
function personName(dicomName: string): string {
  const [family = '', given = '', middle = ''] = dicomName.split('=')[0].split('^');
  return [family, [given, middle].filter(Boolean).join(' ')].filter(Boolean).join(', ') || '(no name)';
}

/** YYYYMMDD → YYYY-MM-DD, left as it is when it is not a DICOM date. */
function isoDate(da: string): string {
  return /^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6, 8)}` : da;
}

class Layout {
  private page!: PDFPage;
  private y = 0;
  readonly pages: PDFPage[] = [];

  constructor(
    private readonly pdf: PDFDocument,
    readonly regular: PDFFont,
    readonly bold: PDFFont,
  ) {
    this.newPage();
  }

  private newPage(): void {
    this.page = this.pdf.addPage([PAGE.width, PAGE.height]);
    this.pages.push(this.page);
    this.y = PAGE.height - PAGE.margin;
  }

  /** Starts a new page when fewer than `height` points are left above the footer. */
  ensure(height: number): void {
    if (this.y - height < PAGE.margin + 24) this.newPage();
  }

  space(points: number): void {
    this.y -= points;
  }

  text(value: string, x: number, options: { size?: number; font?: PDFFont; colour?: RGB; align?: 'left' | 'right'; width?: number } = {}): void {
    const size = options.size ?? 9;
    const font = options.font ?? this.regular;
    const safe = printable(value);
    const offset = options.align === 'right' ? (options.width ?? 0) - font.widthOfTextAtSize(safe, size) : 0;
    this.page.drawText(safe, { x: PAGE.margin + x + offset, y: this.y - size, size, font, color: options.colour ?? INK });
  }

  /** Writes wrapped lines and moves down past them. */
  paragraph(value: string, options: { size?: number; font?: PDFFont; colour?: RGB; indent?: number } = {}): void {
    const size = options.size ?? 9;
    const font = options.font ?? this.regular;
    const indent = options.indent ?? 0;
    for (const line of wrap(printable(value), font, size, CONTENT_WIDTH - indent)) {
      this.ensure(size * 1.35);
      this.text(line, indent, { ...options, size, font });
      this.y -= size * 1.35;
    }
  }

  heading(value: string): void {
    this.ensure(40);
    this.space(10);
    this.text(value, 0, { size: 12, font: this.bold });
    this.space(16);
    this.rule();
    this.space(6);
  }

  rule(colour: RGB = RULE): void {
    this.page.drawLine({ start: { x: PAGE.margin, y: this.y }, end: { x: PAGE.width - PAGE.margin, y: this.y }, thickness: 0.6, color: colour });
  }

  box(x: number, width: number, height: number, fill: RGB, border?: RGB): void {
    this.page.drawRectangle({
      x: PAGE.margin + x,
      y: this.y - height,
      width,
      height,
      color: fill,
      ...(border ? { borderColor: border, borderWidth: 1 } : {}),
    });
  }

  image(png: Awaited<ReturnType<PDFDocument['embedPng']>>, x: number, width: number, height: number): void {
    this.page.drawImage(png, { x: PAGE.margin + x, y: this.y - height, width, height });
  }

  /** A label over an image whose top-left corner is at `x` and the current line. */
  label(label: PlacedLabel, x: number): void {
    const left = PAGE.margin + x + label.x;
    const top = this.y - label.y;
    const colour = hexColour(label.colour);
    this.page.drawRectangle({ x: left, y: top - label.height, width: label.width, height: label.height, color: LABEL_BOX, opacity: 0.85, borderColor: colour, borderWidth: 0.6 });
    label.lines.forEach((line, i) => {
      // Helvetica's capitals stand 0.718 em above the baseline (CapHeight in its AFM); a little more for accents.
      const baseline = top - label.padding - label.size * 0.8 - i * label.size * LABEL_LINE_SPACING;
      this.page.drawText(printable(line), { x: left + label.padding, y: baseline, size: label.size, font: this.bold, color: colour });
    });
  }

  footers(): void {
    this.pages.forEach((page, i) => {
      const footer = printable(`SpineLab  ·  ${DISCLAIMER}  ·  page ${i + 1} of ${this.pages.length}`);
      page.drawText(footer, { x: PAGE.margin, y: PAGE.margin - 14, size: 7.5, font: this.regular, color: MUTED });
    });
  }
}

/** "#rrggbb" as a pdf-lib colour; anything else prints white. */
function hexColour(hex: string): RGB {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  return m ? rgb(parseInt(m[1], 16) / 255, parseInt(m[2], 16) / 255, parseInt(m[3], 16) / 255) : rgb(1, 1, 1);
}

function wrap(text: string, font: PDFFont, size: number, width: number): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && font.widthOfTextAtSize(candidate, size) > width) {
      lines.push(line);
      line = word;
    } else line = candidate;
  }
  if (line) lines.push(line);
  return lines;
}

function header(layout: Layout, input: ReportInput, options: PdfOptions): void {
  const { study, doc } = input;
  layout.text('SpineLab  -  Vertebral morphometry report', 0, { size: 17, font: layout.bold });
  layout.space(26);
  layout.box(0, CONTENT_WIDTH, 22, rgb(1, 0.95, 0.95), WARNING);
  layout.space(6);
  layout.text(DISCLAIMER, 8, { size: 10.5, font: layout.bold, colour: WARNING });
  layout.space(26);
  const rows: [string, string][] = options.deidentify
    ? [['Patient', 'de-identified']]
    : [
        ['Patient', personName(study.patientName)],
        ['Patient ID', study.patientId || '-'],
        ['Birth date', study.patientBirthDate ? isoDate(study.patientBirthDate) : '-'],
      ];
  rows.push(
    ['Study', `${study.studyDescription || '-'} (${study.modality || '-'})`],
    ...(options.deidentify ? [] : ([['Study date', isoDate(study.studyDate)]] as [string, string][])),
    ['Patient position', doc.patientPosition ?? 'not recorded'],
    ['Report generated', options.now.toISOString().slice(0, 16).replace('T', ' ') + ' UTC'],
  );
  for (const [label, value] of rows) {
    layout.text(label, 0, { font: layout.bold, size: 9.5 });
    layout.text(value, 100, { size: 9.5 });
    layout.space(13.5);
  }
}

async function keyImages(layout: Layout, pdf: PDFDocument, images: readonly KeyImage[]): Promise<void> {
  if (images.length === 0) return;
  layout.heading('Key images');
  // A single image takes the page's width, so that its labels, printed at a legible size, cover less of it.
  const alone = images.length === 1;
  const columnWidth = alone ? CONTENT_WIDTH : (CONTENT_WIDTH - 12) / 2;
  const maxHeight = alone ? 330 : 230;
  for (let i = 0; i < images.length; i += 2) {
    const pair = await Promise.all(images.slice(i, i + 2).map(async (k) => ({ title: k.title, labels: k.labels ?? [], png: await pdf.embedPng(k.png) })));
    const sizes = pair.map(({ png }) => {
      const scale = Math.min(columnWidth / png.width, maxHeight / png.height);
      return { width: png.width * scale, height: png.height * scale };
    });
    const rowHeight = Math.max(...sizes.map((s) => s.height));
    layout.ensure(rowHeight + 18);
    pair.forEach(({ png, labels }, j) => {
      const x = j * (columnWidth + 12);
      layout.image(png, x, sizes[j].width, sizes[j].height);
      const textWidth = (text: string, size: number) => layout.bold.widthOfTextAtSize(printable(text), size);
      for (const label of placeKeyImageLabels(labels, sizes[j], png.width, textWidth)) layout.label(label, x);
    });
    layout.space(rowHeight + 4);
    pair.forEach(({ title }, j) => layout.text(title, j * (columnWidth + 12), { size: 8.5, colour: MUTED }));
    layout.space(16);
  }
}

interface Column {
  readonly title: string;
  readonly x: number;
  readonly width: number;
  readonly align: 'left' | 'right';
}

function resultsTable(layout: Layout, input: ReportInput): void {
  const rows = vertebraRows(input);
  layout.heading('Vertebral morphometry');
  if (rows.length === 0) {
    layout.paragraph('No vertebra was measured.');
    return;
  }
  const unit = rows[0].ha.unit;
  const columns: Column[] = [
    { title: 'Level', x: 0, width: 26, align: 'left' },
    { title: `Ha (${unit})`, x: 28, width: 36, align: 'right' },
    { title: `Hm (${unit})`, x: 68, width: 36, align: 'right' },
    { title: `Hp (${unit})`, x: 108, width: 36, align: 'right' },
    { title: 'Ha/Hp', x: 148, width: 30, align: 'right' },
    { title: 'Hm/Hp', x: 182, width: 30, align: 'right' },
    { title: 'Ant. loss', x: 216, width: 38, align: 'right' },
    { title: 'Mid. loss', x: 258, width: 38, align: 'right' },
    { title: 'Wedge', x: 300, width: 30, align: 'right' },
    { title: 'Shape', x: 338, width: 48, align: 'left' },
    { title: 'Suggested', x: 390, width: 60, align: 'left' },
    { title: 'Reader grade', x: 452, width: 60, align: 'left' },
  ];
  layout.ensure(30);
  for (const c of columns) layout.text(c.title, c.x, { font: layout.bold, size: 8, align: c.align, width: c.width });
  layout.space(13);
  layout.rule(INK);
  layout.space(4);
  const grade = (x: number, value: ReaderGenantGrade | undefined) => {
    if (value === undefined) {
      layout.text('not set', x, { size: 8, colour: MUTED });
      return;
    }
    layout.box(x, 7, 7, GRADE_COLOURS[value]);
    layout.text(`${value} ${GENANT_GRADE_NAMES[value]}`, x + 10, { size: 8 });
  };
  for (const row of rows) {
    layout.ensure(16);
    layout.space(1.5);
    const cells = [
      row.level,
      row.ha.value.toFixed(1),
      row.hm.value.toFixed(1),
      row.hp.value.toFixed(1),
      row.wedgeRatio.toFixed(2),
      row.biconcaveRatio.toFixed(2),
      `${row.anteriorLossPercent.toFixed(0)} %`,
      `${row.middleLossPercent.toFixed(0)} %`,
      `${row.wedgeAngleDeg.toFixed(1)}°`,
      row.shape,
    ];
    cells.forEach((cell, i) => layout.text(cell, columns[i].x, { size: 9, align: columns[i].align, width: columns[i].width, font: i === 0 ? layout.bold : layout.regular }));
    layout.space(-0.5);
    grade(columns[10].x, row.suggestedGrade);
    grade(columns[11].x, row.finalGrade);
    layout.space(13);
    layout.rule();
    layout.space(2);
  }
  layout.space(6);
  layout.ensure(14);
  layout.text('Genant grade:', 0, { size: 8, font: layout.bold });
  ([0, 0.5, 1, 2, 3] as const).forEach((g, i) => {
    layout.box(62 + i * 82, 7, 7, GRADE_COLOURS[g]);
    layout.text(gradeText(g), 72 + i * 82, { size: 8 });
  });
  layout.space(14);
  layout.paragraph(
    `Grades by height loss: ${genantScaleWords()} (Genant 1993). The suggested grade is computed; ` +
      'Genant grading is visual, and the reader\'s final grade prevails. Wedge: angle between the body\'s own endplates, positive = anterior wedging.',
    { size: 8, colour: MUTED },
  );
  layout.space(4);
  layout.paragraph('Height loss measured against:', { size: 8.5, font: layout.bold });
  for (const row of rows) layout.paragraph(`${row.level}: ${row.lossSentence}; measured against ${row.lossReference}`, { size: 8.5, indent: 10 });
}

function anglesSection(layout: Layout, input: ReportInput): void {
  const rows = angleRows(input);
  if (rows.length === 0) return;
  layout.heading('Angles');
  for (const angle of rows) {
    layout.ensure(14);
    layout.text(angle.label, 0, { size: 9, font: layout.bold });
    layout.text(ANGLE_KIND_NAMES[angle.kind], 150, { size: 9 });
    layout.text(`${angle.signedDeg > 0 ? '+' : ''}${angle.signedDeg.toFixed(1)}°`, 270, { size: 9, align: 'right', width: 50 });
    layout.text(angle.description, 335, { size: 9 });
    layout.space(13);
  }
  layout.paragraph('Signed angles: kyphosis positive, lordosis negative. Manual angle measurement varies by about ±5° between readers (Morrissy 1990).', {
    size: 8,
    colour: MUTED,
  });
}

function calibrationSection(layout: Layout, input: ReportInput, notes: readonly string[]): void {
  layout.heading('Calibration and position');
  const source = input.results.calibration;
  layout.paragraph(`Lengths are shown as "${calibrationBadge(source)}": ${CALIBRATION_WORDS[source]}`);
  for (const note of notes) layout.paragraph(note, { indent: 10 });
  for (const a of input.doc.annotations) {
    if (a.type === 'calibration') layout.paragraph(`Reader calibration line: ${a.knownLengthMm} mm across a known object.`, { indent: 10 });
  }
  layout.paragraph(
    `Patient position: ${input.doc.patientPosition ?? 'not recorded'}. Heights and angles change with position (sitting vs supine), so compare like with like.`,
  );
}

export async function buildPdfReport(input: ReportInput, options: PdfOptions): Promise<Uint8Array> {
  const pdf = await PDFDocument.create();
  pdf.setTitle('SpineLab vertebral morphometry report');
  pdf.setProducer('SpineLab');
  pdf.setCreator('SpineLab');
  pdf.setCreationDate(options.now);
  pdf.setModificationDate(options.now);
  const layout = new Layout(pdf, await pdf.embedFont(StandardFonts.Helvetica), await pdf.embedFont(StandardFonts.HelveticaBold));
  header(layout, input, options);
  await keyImages(layout, pdf, options.keyImages ?? []);
  resultsTable(layout, input);
  anglesSection(layout, input);
  calibrationSection(layout, input, options.calibrationNotes ?? []);
  layout.footers();
  return pdf.save();
}
