import { DISCLAIMER } from '../../shared/api';
import type { SpineLevel } from '../../shared/procedure/types';

/** What a take-home handout says: the procedure, the patient's level and each step. Nothing else about the patient. */
export interface HandoutContent {
  procedureName: string;
  level: SpineLevel;
  steps: { title: string; caption: string }[];
}

/** A4 portrait in PDF points. */
export const PAGE = { width: 595.28, height: 841.89, margin: 48 } as const;

export type TextStyle = 'heading' | 'level' | 'stepTitle' | 'caption' | 'footer';

export const TEXT_SIZES: Record<TextStyle, number> = { heading: 20, level: 14, stepTitle: 16, caption: 14, footer: 10 };
export const BOLD_STYLES: ReadonlySet<TextStyle> = new Set<TextStyle>(['heading', 'stepTitle']);

export interface PlacedText {
  text: string;
  style: TextStyle;
  /** Left end of the baseline, in PDF points from the page's bottom-left corner. */
  x: number;
  y: number;
}

export interface HandoutPageLayout {
  texts: PlacedText[];
  image: { x: number; y: number; width: number; height: number };
}

/** Width of a text in points in a style: the PDF writer passes its font's metrics, tests their own. */
export type MeasureText = (text: string, style: TextStyle) => number;

/** Breaks a text into lines no wider than `width`, at spaces; a word longer than a line keeps its own line. */
export function wrapText(text: string, width: number, style: TextStyle, measure: MeasureText): string[] {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (line && measure(candidate, style) > width) {
      lines.push(line);
      line = word;
    } else {
      line = candidate;
    }
  }
  if (line) lines.push(line);
  return lines;
}

const lineHeight = (style: TextStyle) => TEXT_SIZES[style] * 1.35;

/**
 * One page per step: the procedure and the patient's level at the top, the step's picture at the
 * full text width, its title and plain-language caption below, the disclaimer and page count at the foot.
 */
export function layoutHandoutPage(content: HandoutContent, index: number, imageAspect: number, measure: MeasureText): HandoutPageLayout {
  const { width, height, margin } = PAGE;
  const textWidth = width - 2 * margin;
  const texts: PlacedText[] = [];
  let y = height - margin - TEXT_SIZES.heading;
  texts.push({ text: content.procedureName, style: 'heading', x: margin, y });
  y -= lineHeight('level') + 4;
  texts.push({ text: `Your broken bone: ${content.level}`, style: 'level', x: margin, y });
  y -= 18;
  const imageHeight = textWidth / imageAspect;
  const image = { x: margin, y: y - imageHeight, width: textWidth, height: imageHeight };
  y = image.y - 14 - TEXT_SIZES.stepTitle;
  const step = content.steps[index];
  for (const line of wrapText(`Step ${index + 1} of ${content.steps.length}: ${step.title}`, textWidth, 'stepTitle', measure)) {
    texts.push({ text: line, style: 'stepTitle', x: margin, y });
    y -= lineHeight('stepTitle');
  }
  y -= 4;
  for (const line of wrapText(step.caption, textWidth, 'caption', measure)) {
    texts.push({ text: line, style: 'caption', x: margin, y });
    y -= lineHeight('caption');
  }
  const footerY = margin - TEXT_SIZES.footer;
  texts.push({ text: DISCLAIMER, style: 'footer', x: margin, y: footerY });
  const pageNumber = `Page ${index + 1} of ${content.steps.length}`;
  texts.push({ text: pageNumber, style: 'footer', x: width - margin - measure(pageNumber, 'footer'), y: footerY });
  return { texts, image };
}
