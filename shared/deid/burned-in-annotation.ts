/**
 * The Basic Profile cleans the header only: text burned into the pixels (names, dates, hospital
 * labels) survives unless someone checks the image (PS3.15 E.1.1; the Clean Pixel Data Option, E.3.1,
 * is not offered here). Burned In Annotation (0028,0301) says whether the pixels hold such text.
 */

/** Projection radiography modalities whose images often carry burned-in labels. */
const PROJECTION_MODALITIES: ReadonlySet<string> = new Set(['CR', 'DX', 'MG', 'IO', 'PX', 'RF', 'XA']);

/** Secondary Capture Image Storage and its multi-frame variants (PS3.4 Annex B.5), all under this root. */
const SECONDARY_CAPTURE_SOP_CLASS_ROOT = '1.2.840.10008.5.1.4.1.1.7';

export interface BurnedInAnnotationFacts {
  burnedInAnnotation?: string;
  modality?: string;
  sopClassUid?: string;
}

const isSecondaryCapture = (sopClassUid: string | undefined) =>
  sopClassUid === SECONDARY_CAPTURE_SOP_CLASS_ROOT || (sopClassUid?.startsWith(`${SECONDARY_CAPTURE_SOP_CLASS_ROOT}.`) ?? false);

/** A warning in plain words when the pixels may show identifying text, or undefined when not expected. */
export function burnedInAnnotationWarning(facts: BurnedInAnnotationFacts): string | undefined {
  const flag = facts.burnedInAnnotation?.trim().toUpperCase();
  if (flag === 'YES') {
    return 'The image says it has text burned into its pixels (Burned In Annotation is YES): names or dates may still be visible. Check the image before sharing it.';
  }
  if (flag === 'NO') return undefined;
  const modality = facts.modality?.trim().toUpperCase() ?? '';
  const kind = isSecondaryCapture(facts.sopClassUid)
    ? 'a secondary capture (screenshot or scan)'
    : PROJECTION_MODALITIES.has(modality)
      ? `a projection radiograph (${modality})`
      : undefined;
  if (!kind) return undefined;
  return `This image is ${kind} and does not say whether text is burned into its pixels (Burned In Annotation is absent): names or dates may still be visible. Check the image before sharing it.`;
}
