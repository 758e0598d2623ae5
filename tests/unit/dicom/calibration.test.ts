import { describe, expect, it } from 'vitest';
import { chooseSpacing } from '../../../shared/dicom/calibration';

describe('chooseSpacing (DOMAIN.md §5)', () => {
  it('takes Pixel Spacing of CT and MR as the patient plane', () => {
    expect(chooseSpacing({ modality: 'CT', pixelSpacing: [0.7, 0.8] })).toMatchObject({ rowMm: 0.7, columnMm: 0.8, source: 'calibrated' });
  });

  it('names a projection image’s Pixel Spacing calibrated only with a calibration type or a corrected value', () => {
    const typed = chooseSpacing({ modality: 'DX', pixelSpacing: [0.1, 0.1], imagerPixelSpacing: [0.1, 0.1], calibrationType: 'GEOMETRY' });
    expect(typed).toMatchObject({ source: 'calibrated' });
    expect(typed.note).toMatch(/GEOMETRY/);
    const corrected = chooseSpacing({ modality: 'DX', pixelSpacing: [0.12, 0.12], imagerPixelSpacing: [0.14, 0.14] });
    expect(corrected).toMatchObject({ rowMm: 0.12, source: 'calibrated' });
  });

  it('says a CR/DX Pixel Spacing equal to Imager Pixel Spacing is at the detector (PS3.3 C.8.11.1.1.1)', () => {
    expect(chooseSpacing({ modality: 'CR', pixelSpacing: [0.139, 0.139], imagerPixelSpacing: [0.139, 0.139] })).toMatchObject({ rowMm: 0.139, source: 'detector' });
    expect(chooseSpacing({ modality: 'DX', pixelSpacing: [0.2, 0.2] })).toMatchObject({ source: 'detector' });
  });

  it('corrects Imager Pixel Spacing by the Estimated Radiographic Magnification Factor', () => {
    const s = chooseSpacing({ modality: 'DX', imagerPixelSpacing: [0.115, 0.115], estimatedMagnification: 1.15 });
    expect(s.source).toBe('magnification-corrected');
    expect(s.rowMm).toBeCloseTo(0.1, 10);
    expect(s.note).toMatch(/1\.15/);
  });

  it('uses Imager Pixel Spacing at the detector, and pixels when nothing is usable', () => {
    expect(chooseSpacing({ modality: 'DX', imagerPixelSpacing: [0.15, 0.15] })).toMatchObject({ source: 'detector' });
    expect(chooseSpacing({ modality: 'DX', imagerPixelSpacing: [0.15, 0.15], estimatedMagnification: 0 })).toMatchObject({ source: 'detector' });
    expect(chooseSpacing({ modality: 'OT' })).toMatchObject({ source: 'none' });
    expect(chooseSpacing({ modality: 'CT', pixelSpacing: [0, -1] })).toMatchObject({ source: 'none' });
  });
});
