import { describe, expect, it } from 'vitest';
import type { InstanceHeader } from '../../../shared/dicom/header';
import { mrSequenceLabel } from '../../../shared/dicom/mr-sequence';

function mr(seriesDescription: string | undefined, mrAttrs: InstanceHeader['mr'] = {}): InstanceHeader {
  return { modality: 'MR', seriesDescription, mr: mrAttrs } as InstanceHeader;
}

describe('MR sequence labels', () => {
  it.each([
    ['SAG T1 TSE', 'T1'],
    ['SAG T2 TSE', 'T2'],
    ['sag stir', 'STIR'],
    ['t2_tirm_sag', 'STIR'],
    ['SAG T2 FS', 'T2 FS'],
    ['T1 SPAIR post', 'T1 FS'],
    ['PD sag', 'PD'],
  ])('names "%s" %s from its description', (description, text) => {
    expect(mrSequenceLabel(mr(description))?.text).toBe(text);
  });

  it('recognises STIR from an inversion-recovery sequence with a short TI', () => {
    const label = mrSequenceLabel(mr('Series 5', { scanningSequence: 'IR\\SE', inversionTime: 160, repetitionTime: 4000, echoTime: 60 }));
    expect(label).toEqual({ weighting: 'STIR', fatSaturated: false, from: 'parameters', text: 'STIR' });
  });

  it('weights by TR and TE when nothing else says', () => {
    expect(mrSequenceLabel(mr('', { scanningSequence: 'SE', repetitionTime: 550, echoTime: 12 }))?.text).toBe('T1');
    expect(mrSequenceLabel(mr('', { scanningSequence: 'SE', repetitionTime: 3500, echoTime: 100 }))?.text).toBe('T2');
    expect(mrSequenceLabel(mr('', { scanningSequence: 'SE', repetitionTime: 3000, echoTime: 20 }))?.text).toBe('PD');
  });

  it('says nothing about other modalities or unknown series', () => {
    expect(mrSequenceLabel({ modality: 'CT', seriesDescription: 'T1' } as InstanceHeader)).toBeUndefined();
    expect(mrSequenceLabel(mr('localizer', { repetitionTime: 8, echoTime: 4 }))).toBeUndefined();
  });
});
