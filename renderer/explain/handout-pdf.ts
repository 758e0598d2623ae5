import { PDFDocument, rgb, StandardFonts, type PDFFont } from 'pdf-lib';
import { phrasebook } from '../../shared/i18n';
import { BOLD_STYLES, layoutHandoutPage, PAGE, TEXT_SIZES, type HandoutContent, type TextStyle } from './handout-layout';

const INK = rgb(0.1, 0.12, 0.16);
const MUTED = rgb(0.38, 0.42, 0.48);
const STEP_BLUE = rgb(0.13, 0.32, 0.66);

/** The standard PDF fonts only encode Windows-1252: anything else becomes a plain equivalent or a '?'. */
function encodable(font: PDFFont, text: string): string {
  const known = new Set(font.getCharacterSet());
  return [...text.normalize('NFC')].map((c) => (known.has(c.codePointAt(0)!) ? c : c === '→' ? '->' : c === '≈' ? '~' : '?')).join('');
}

/**
 * The patient's take-home handout: one page per step with that step's picture (PNG bytes, in step
 * order) and caption. It carries the vertebral level and nothing else that identifies the patient,
 * not even in the document's metadata.
 */
export async function buildHandoutPdf(content: HandoutContent, pictures: Uint8Array[]): Promise<Uint8Array> {
  if (pictures.length !== content.steps.length) throw new Error(`Expected ${content.steps.length} pictures, got ${pictures.length}`);
  const pdf = await PDFDocument.create();
  pdf.setTitle(phrasebook(content.language).handout.title(content.procedureName));
  // The handout keeps the language it was made in, for screen readers and for whoever reads it later.
  pdf.setLanguage(content.language);
  pdf.setCreator('SpineLab');
  pdf.setProducer('SpineLab');
  const regular = await pdf.embedFont(StandardFonts.Helvetica);
  const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
  const fontOf = (style: TextStyle) => (BOLD_STYLES.has(style) ? bold : regular);
  const measure = (text: string, style: TextStyle) => fontOf(style).widthOfTextAtSize(encodable(fontOf(style), text), TEXT_SIZES[style]);
  const colourOf = (style: TextStyle) => (style === 'footer' || style === 'level' ? MUTED : style === 'stepTitle' ? STEP_BLUE : INK);

  for (let i = 0; i < content.steps.length; i++) {
    const picture = await pdf.embedPng(pictures[i]);
    const layout = layoutHandoutPage(content, i, picture.width / picture.height, measure);
    const page = pdf.addPage([PAGE.width, PAGE.height]);
    page.drawImage(picture, layout.image);
    for (const t of layout.texts) {
      const font = fontOf(t.style);
      page.drawText(encodable(font, t.text), { x: t.x, y: t.y, size: TEXT_SIZES[t.style], font, color: colourOf(t.style) });
    }
  }
  return pdf.save();
}
