import { describe, expect, it } from 'vitest';
import { LANGUAGES, phrasebook } from '../../../shared/i18n';
import { handoutContent, layoutHandoutPage, type MeasureText } from '../../../renderer/explain/handout-layout';
import { buildTimeline } from '../../../shared/procedure/buildTimeline';
import { manualShape, REFERENCE_CASE_SHAPE, shapeFromMeasurements } from '../../../shared/procedure/patientShape';
import { CAPTION_WORDS_PER_SECOND } from '../../../shared/procedure/timelineBuilder';
import type { PatientSpineShape, Procedure } from '../../../shared/procedure/types';

const PROCEDURES: Procedure[] = ['vertebroplasty', 'kyphoplasty', 'fusion'];
const measure: MeasureText = (text) => text.length * 7;

const measured = shapeFromMeasurements({
  level: 'T12', anteriorMm: 16.7, middleMm: 19.2, posteriorMm: 24.5, localKyphosisDeg: 14.5, from: 'CT SAG, image 256',
  normalHeightsMm: { anterior: 23.5, middle: 23, posterior: 24.5 },
}) as PatientSpineShape;

const EXAMPLES: [string, PatientSpineShape][] = [
  ['the reference case', REFERENCE_CASE_SHAPE],
  ['a hand-set shape', manualShape('T12', { anterior: 13.6, middle: 20, posterior: 28.3 }, 30)],
  // Measured values without the image they came from cannot be told as the patient's.
  ['a measured shape that names no image', { ...measured, measuredOn: undefined }],
];

/** Everything the patient reads for a timeline: on screen (titles, captions) and in the handout. */
function patientText(shape: PatientSpineShape, procedure: Procedure, language: (typeof LANGUAGES)[number]): string[] {
  const timeline = buildTimeline(procedure, shape, { language });
  const content = handoutContent(timeline);
  // Each page's text block by block (heading, level, title, caption, footer): the layout wraps them into lines.
  const pages = timeline.steps.flatMap((_, i) => {
    const { texts } = layoutHandoutPage(content, i, 16 / 9, measure);
    return [...new Set(texts.map((t) => t.style))].map((style) => texts.filter((t) => t.style === style).map((t) => t.text).join(' '));
  });
  return [...timeline.steps.flatMap((s) => [s.title, s.caption]), ...pages];
}

describe('truth first: only a measured fracture is called the patient\'s', () => {
  for (const language of LANGUAGES) {
    const words = phrasebook(language);
    it.each(EXAMPLES)(`${language}: %s is told as an example, never as "your"`, (_, shape) => {
      for (const procedure of PROCEDURES) {
        for (const text of patientText(shape, procedure, language)) expect(text, text).not.toMatch(words.possessive);
      }
      const first = buildTimeline('kyphoplasty', shape, { language }).steps[0].caption;
      expect(first).toContain(shape.fracturedLevel);
      // By how much the example is shaped: the reference case is 34% shorter in front (1 − 20.2/30.8).
      if (shape === REFERENCE_CASE_SHAPE) expect(first).toMatch(/34\s?%/);
    });

    it(`${language}: a measured fracture is "yours", naming its level and the image it was measured on`, () => {
      const timeline = buildTimeline('kyphoplasty', measured, { language });
      expect(timeline.steps[0].caption).toMatch(words.possessive);
      const claims = patientText(measured, 'kyphoplasty', language).filter((t) => words.possessive.test(t));
      expect(claims.length).toBeGreaterThan(0);
      for (const claim of claims) {
        expect(claim).toContain('T12');
        expect(claim).toContain('CT SAG, image 256');
      }
      // 1 − 16.7/23.5 = 29% anterior loss against the neighbours.
      expect(timeline.steps[0].caption).toMatch(/29\s?%/);
    });
  }
});

describe('a readable pace', () => {
  it.each(LANGUAGES)('%s: every step lasts long enough to read its caption at 150 words a minute', (language) => {
    for (const procedure of PROCEDURES) {
      for (const s of buildTimeline(procedure, REFERENCE_CASE_SHAPE, { language }).steps) {
        const words = s.caption.split(/\s+/).length;
        expect(s.end - s.start, `${procedure} ${s.id}`).toBeGreaterThanOrEqual(words / CAPTION_WORDS_PER_SECOND);
      }
    }
  });
});
