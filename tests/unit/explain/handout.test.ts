import { describe, expect, it } from 'vitest';
import { PDFDocument } from 'pdf-lib';
import { buildHandoutPdf } from '../../../renderer/explain/handout-pdf';
import { DISCLAIMER } from '../../../shared/api';
import { handoutContent, layoutHandoutPage, PAGE, wrapText, type MeasureText } from '../../../renderer/explain/handout-layout';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { REFERENCE_CASE_SHAPE } from '../../../shared/procedure/patientShape';

/** Every character 0.55 em wide: close enough to Helvetica for testing the layout. */
const measure: MeasureText = (text, style) => text.length * 0.55 * { heading: 20, level: 14, stepTitle: 16, caption: 14, footer: 10 }[style];

const timeline = buildTimeline('kyphoplasty', REFERENCE_CASE_SHAPE);
const content = handoutContent(timeline);

/** A 1×1 grey PNG. */
const PIXEL = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAAAAAA6fptVAAAACklEQVR4nGNoAAAAggCBd81ytgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));

describe('the handout layout', () => {
  it('wraps at spaces without losing or reordering words', () => {
    const caption = content.steps[4].caption;
    const lines = wrapText(caption, 200, 'caption', measure);
    expect(lines.length).toBeGreaterThan(2);
    for (const line of lines) expect(measure(line, 'caption')).toBeLessThanOrEqual(200);
    expect(lines.join(' ')).toBe(caption.split(/\s+/).join(' '));
  });

  it.each(content.steps.map((_, i) => i))('page %i holds its caption, the level and the disclaimer inside the margins', (i) => {
    const layout = layoutHandoutPage(content, i, 16 / 9, measure);
    const texts = layout.texts.map((t) => t.text);
    expect(layout.texts.filter((t) => t.style === 'level').map((t) => t.text).join(' ')).toContain('L1');
    expect(texts).toContain(DISCLAIMER);
    expect(layout.texts.filter((t) => t.style === 'caption').map((t) => t.text).join(' ')).toBe(content.steps[i].caption.split(/\s+/).join(' '));
    for (const t of layout.texts) {
      expect(t.x).toBeGreaterThanOrEqual(PAGE.margin - 1e-6);
      expect(t.x + measure(t.text, t.style)).toBeLessThanOrEqual(PAGE.width - PAGE.margin + 1e-6);
      expect(t.y).toBeGreaterThan(0);
      expect(t.y).toBeLessThan(PAGE.height - PAGE.margin);
    }
    // The caption sits below the picture and above the footer.
    const captionYs = layout.texts.filter((t) => t.style === 'caption').map((t) => t.y);
    expect(Math.max(...captionYs)).toBeLessThan(layout.image.y);
    expect(Math.min(...captionYs)).toBeGreaterThan(PAGE.margin + 10);
  });

  it('says nothing about the patient but the level', () => {
    const all = content.steps.flatMap((_, i) => layoutHandoutPage(content, i, 16 / 9, measure).texts.map((t) => t.text)).join('\n');
    expect(all).not.toMatch(/SAMPLE|\bID\b|born|birth|name/i);
  });
});

describe('the handout PDF', () => {
  it('has one page per step, with the picture and no identifying metadata', async () => {
    const bytes = await buildHandoutPdf(content, content.steps.map(() => PIXEL));
    const pdf = await PDFDocument.load(bytes);
    expect(pdf.getPageCount()).toBe(content.steps.length);
    expect(pdf.getAuthor()).toBeUndefined();
    expect(pdf.getSubject()).toBeUndefined();
    expect(pdf.getTitle()).toBe('Kyphoplasty: step by step');
  });

  it('refuses a picture count that does not match the steps', async () => {
    await expect(buildHandoutPdf(content, [PIXEL])).rejects.toThrow(/pictures/);
  });
});
