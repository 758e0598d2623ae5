import { phrasebook, type Language } from '../../shared/i18n';
import { fractureFacts, measuredFacts } from '../../shared/procedure/captionWords';
import type { Timeline } from '../../shared/procedure/types';

/**
 * What a take-home handout says, in one language: the procedure, the level (the patient's own
 * only when measured on this study, otherwise an example) and each step. Nothing else about the patient.
 */
export interface HandoutContent {
  language: Language;
  procedureName: string;
  /** The line under the heading: "Your broken bone: T12 (measured on …)" or an example's shape. */
  bone: string;
  steps: { title: string; caption: string }[];
}

/** The handout of a timeline, in the timeline's language. */
export function handoutContent(timeline: Timeline): HandoutContent {
  const words = phrasebook(timeline.language);
  const measured = measuredFacts(timeline.shape);
  return {
    language: timeline.language,
    procedureName: words.procedureName[timeline.procedure],
    bone: measured ? words.handout.boneMeasured(measured) : words.handout.boneExample(fractureFacts(timeline.shape)),
    steps: timeline.steps.map(({ title, caption }) => ({ title, caption })),
  };
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
  const words = phrasebook(content.language);
  const textWidth = width - 2 * margin;
  const texts: PlacedText[] = [];
  let y = height - margin - TEXT_SIZES.heading;
  texts.push({ text: content.procedureName, style: 'heading', x: margin, y });
  y -= lineHeight('level') + 4;
  const boneLines = wrapText(content.bone, textWidth, 'level', measure);
  for (const [i, line] of boneLines.entries()) {
    texts.push({ text: line, style: 'level', x: margin, y });
    if (i < boneLines.length - 1) y -= lineHeight('level');
  }
  y -= 18;
  const imageHeight = textWidth / imageAspect;
  const image = { x: margin, y: y - imageHeight, width: textWidth, height: imageHeight };
  y = image.y - 14 - TEXT_SIZES.stepTitle;
  const step = content.steps[index];
  for (const line of wrapText(words.handout.stepHeading(index + 1, content.steps.length, step.title), textWidth, 'stepTitle', measure)) {
    texts.push({ text: line, style: 'stepTitle', x: margin, y });
    y -= lineHeight('stepTitle');
  }
  y -= 4;
  for (const line of wrapText(step.caption, textWidth, 'caption', measure)) {
    texts.push({ text: line, style: 'caption', x: margin, y });
    y -= lineHeight('caption');
  }
  const footerY = margin - TEXT_SIZES.footer;
  texts.push({ text: words.screen.disclaimer, style: 'footer', x: margin, y: footerY });
  const pageNumber = words.handout.page(index + 1, content.steps.length);
  // A line above the disclaimer, which fills the width in some languages.
  texts.push({ text: pageNumber, style: 'footer', x: width - margin - measure(pageNumber, 'footer'), y: footerY + lineHeight('footer') });
  return { texts, image };
}
