import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { DISCLAIMER } from '../../../shared/api';
import { MIN_LABEL_SIZE_PT, placeKeyImageLabels, type KeyImageLabel } from '../../../shared/report/key-image-labels';
import { rectsOverlap } from '../../../shared/report/label-layout';
import { buildPdfReport } from '../../../shared/report/pdf';
import { reportInput } from './report-input';

const now = new Date('2025-05-06T07:08:09.000Z');

/** Labels as the viewer draws them on a 160 × 220 image: two of them on top of each other, as on a crowded spine. */
const LABELS: KeyImageLabel[] = [
  { lines: ['L1  G2 (reader)', 'Ha 20.0 Hm 27.5 Hp 30.0 mm'], colour: '#ff7043', at: { x: 20, y: 90 } },
  { lines: ['Cobb 22.6° lordosis'], colour: '#ffd479', at: { x: 22, y: 95 } },
];

/** A grey-gradient PNG with a bright band, written by hand (PNG spec: signature, IHDR, IDAT, IEND). */
function syntheticPng(width: number, height: number): Uint8Array {
  const crcTable = Array.from({ length: 256 }, (_, n) => {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    return c >>> 0;
  });
  const crc = (bytes: Buffer) => {
    let c = 0xffffffff;
    for (const b of bytes) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
    return (c ^ 0xffffffff) >>> 0;
  };
  const chunk = (type: string, data: Buffer) => {
    const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
    const out = Buffer.alloc(body.length + 8);
    out.writeUInt32BE(data.length, 0);
    body.copy(out, 4);
    out.writeUInt32BE(crc(body), body.length + 4);
    return out;
  };
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // greyscale
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = Math.abs(y - height / 2) < 6 ? 255 : Math.round((x / width) * 200);
  }
  return new Uint8Array(
    Buffer.concat([Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]),
  );
}

function hasTool(name: string): boolean {
  return spawnSync('which', [name]).status === 0;
}

const dir = mkdtempSync(join(tmpdir(), 'spinelab-pdf-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function writeReport(name: string, deidentify: boolean): Promise<string> {
  const bytes = await buildPdfReport(reportInput(), {
    now,
    deidentify,
    keyImages: [
      { title: 'Lateral view, L1 morphometry', png: syntheticPng(160, 220), labels: LABELS },
      { title: 'Cobb T12 superior - L2 inferior', png: syntheticPng(200, 120) },
    ],
    calibrationNotes: ['Pixel Spacing 1 mm (synthetic)'],
  });
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
}

function pdfText(path: string): string {
  const result = spawnSync('pdftotext', ['-layout', path, '-'], { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return result.stdout;
}

describe('buildPdfReport', () => {
  it('produces a PDF', async () => {
    const bytes = await buildPdfReport(reportInput(), { now });
    expect(new TextDecoder().decode(bytes.slice(0, 5))).toBe('%PDF-');
  });

  it('survives names in scripts the standard fonts cannot draw', async () => {
    const input = reportInput();
    const bytes = await buildPdfReport({ ...input, study: { ...input.study, patientName: '山田^太郎' } }, { now });
    expect(bytes.length).toBeGreaterThan(1000);
  });

  it.skipIf(!hasTool('pdftotext'))('shows the disclaimer, the study, every level with its values, grades and angles', async () => {
    const text = pdfText(await writeReport('report.pdf', false));
    for (const expected of [
      DISCLAIMER,
      'Testperson, Erika',
      'PID-4711',
      '2025-01-02',
      'XR SPINE LAT',
      'standing',
      'Ha (mm)',
      'T12 superior – L2 inferior',
      'Local kyphotic angle',
      '-22.6°',
      'lordosis',
      '2 moderate',
      '3 (severe)',
      'Pixel Spacing 1 mm (synthetic)',
      'Lateral view, L1 morphometry',
    ]) {
      expect(text).toContain(expected);
    }
    expect(text).toMatch(/L1\s+20\.0\s+27\.5\s+30\.0\s+0\.67\s+0\.92\s+33 ?%\s+8 ?%\s+15\.9°\s+wedge\s+2 moderate\s+2 moderate/);
  });

  it.skipIf(!hasTool('pdftotext'))('leaves the patient out when de-identified', async () => {
    const text = pdfText(await writeReport('deidentified.pdf', true));
    expect(text).toContain('de-identified');
    expect(text).toContain(DISCLAIMER);
    expect(text).not.toContain('Testperson');
    expect(text).not.toContain('Erika');
    expect(text).not.toContain('PID-4711');
    expect(text).not.toContain('1940');
  });

  it.skipIf(!hasTool('pdftotext'))('prints the key images\' labels as text at least 2.5 mm high', async () => {
    const path = await writeReport('labels.pdf', false);
    const result = spawnSync('pdftotext', ['-bbox', '-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    const words = [...result.stdout.matchAll(/<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)<\/word>/g)].map((m) => ({
      text: m[5],
      heightMm: ((Number(m[4]) - Number(m[2])) * 25.4) / 72,
    }));
    for (const word of ['G2', '27.5', 'Cobb', 'lordosis']) {
      const found = words.find((w) => w.text === word);
      expect(found, `label word ${word}`).toBeDefined();
      // Poppler's word box runs from the font's ascent to its descent: the height of the printed text.
      expect(found!.heightMm).toBeGreaterThanOrEqual(2.5);
    }
  });

  it.skipIf(!hasTool('pdftoppm'))('renders page 1', async () => {
    const path = await writeReport('render.pdf', false);
    const result = spawnSync('pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', path, join(dir, 'page')], { encoding: 'utf8' });
    expect(result.status, result.stderr).toBe(0);
    expect(readdirSync(dir).some((n) => n.startsWith('page') && n.endsWith('.png'))).toBe(true);
  });
});

describe('placeKeyImageLabels', () => {
  const width = (text: string, size: number) => text.length * size * 0.55;

  it('sizes labels to the printed image, never below the legible minimum', () => {
    const small = placeKeyImageLabels(LABELS, { width: 120, height: 165 }, 160, width);
    const large = placeKeyImageLabels(LABELS, { width: 560, height: 770 }, 160, width);
    expect(small[0].size).toBe(MIN_LABEL_SIZE_PT);
    // Helvetica's capitals are 0.718 em high (CapHeight in its AFM): at least 2.5 mm on paper.
    expect(((MIN_LABEL_SIZE_PT * 0.718) / 72) * 25.4).toBeGreaterThanOrEqual(2.5);
    expect(large[0].size).toBeGreaterThan(small[0].size);
  });

  it('moves a label off one placed before it, and keeps every label on the image', () => {
    const [first, second] = placeKeyImageLabels(LABELS, { width: 250, height: 344 }, 160, width);
    expect(first.y).toBeCloseTo(90 * (250 / 160));
    expect(rectsOverlap(first, second)).toBe(false);
    const [ending] = placeKeyImageLabels([{ ...LABELS[1], at: { x: 150, y: 10 }, anchor: 'end' }], { width: 250, height: 344 }, 160, width);
    expect(ending.x + ending.width).toBeCloseTo(150 * (250 / 160));
    for (const box of [first, second]) {
      expect(box.x + box.width).toBeLessThanOrEqual(250);
      expect(box.y + box.height).toBeLessThanOrEqual(344);
    }
  });
});

if (!hasTool('pdftotext') || !hasTool('pdftoppm')) {
  console.warn('pdf.test.ts: poppler-utils (pdftotext, pdftoppm) is not installed; the text and rendering checks are skipped. CI installs it.');
}
