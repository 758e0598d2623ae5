import { describe, expect, it } from 'vitest';
import { burnedInAnnotationWarning } from '../../../shared/deid/burned-in-annotation';

const SECONDARY_CAPTURE = '1.2.840.10008.5.1.4.1.1.7';
const MULTIFRAME_GRAYSCALE_WORD_SC = '1.2.840.10008.5.1.4.1.1.7.3';
const CT = '1.2.840.10008.5.1.4.1.1.2';

describe('burnedInAnnotationWarning', () => {
  it('warns whenever the image says YES', () => {
    expect(burnedInAnnotationWarning({ burnedInAnnotation: 'YES', modality: 'CT', sopClassUid: CT })).toMatch(/Burned In Annotation is YES/);
  });

  it('warns when a projection radiograph or a secondary capture does not say', () => {
    expect(burnedInAnnotationWarning({ modality: 'CR' })).toMatch(/projection radiograph \(CR\)/);
    expect(burnedInAnnotationWarning({ modality: 'DX' })).toMatch(/absent/);
    expect(burnedInAnnotationWarning({ modality: 'OT', sopClassUid: SECONDARY_CAPTURE })).toMatch(/secondary capture/);
    expect(burnedInAnnotationWarning({ modality: 'OT', sopClassUid: MULTIFRAME_GRAYSCALE_WORD_SC })).toMatch(/secondary capture/);
  });

  it('stays quiet for NO, and for cross-sectional images that do not say', () => {
    expect(burnedInAnnotationWarning({ burnedInAnnotation: 'NO', modality: 'DX' })).toBeUndefined();
    expect(burnedInAnnotationWarning({ modality: 'CT', sopClassUid: CT })).toBeUndefined();
    expect(burnedInAnnotationWarning({ modality: 'MR', sopClassUid: '1.2.840.10008.5.1.4.1.1.70' })).toBeUndefined();
  });
});
