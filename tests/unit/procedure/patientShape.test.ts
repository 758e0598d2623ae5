import { describe, expect, it } from 'vitest';
import { manualShape, REFERENCE_CASE_SHAPE, shapeFromMeasurements, wedgeAngleDeg } from '../../../shared/procedure/patientShape';
import { levelsAround } from '../../../shared/procedure/spineLevels';
import { OPTIONS_OVERVIEW } from '../../../shared/procedure/optionsOverview';
import { PHRASEBOOKS } from '../../../shared/i18n';

describe('patient shape', () => {
  it('defaults to the DOMAIN.md reference case', () => {
    expect(REFERENCE_CASE_SHAPE.fracturedLevel).toBe('L1');
    expect(REFERENCE_CASE_SHAPE.heightsMm.anterior).toBe(20.2);
    expect(REFERENCE_CASE_SHAPE.heightsMm.posterior).toBe(30.8);
    expect(REFERENCE_CASE_SHAPE.localKyphosisDeg).toBe(26);
    expect(wedgeAngleDeg(REFERENCE_CASE_SHAPE.heightsMm)).toBeCloseTo(16.8, 1);
  });

  it('takes measurements from a study, with the posterior wall as the default reference', () => {
    const shape = shapeFromMeasurements({ level: 'T12', anteriorMm: 19.8, middleMm: 24, posteriorMm: 30.1, localKyphosisDeg: 20 });
    expect(shape).toMatchObject({ fracturedLevel: 'T12', source: 'measured', normalHeightsMm: { anterior: 30.1 } });
  });

  it('explains measurements it cannot draw', () => {
    expect(shapeFromMeasurements({ level: 'C5', anteriorMm: 10, middleMm: 10, posteriorMm: 12, localKyphosisDeg: 0 })).toHaveProperty('error');
    expect(shapeFromMeasurements({ level: 'L2', anteriorMm: NaN, middleMm: 10, posteriorMm: 12, localKyphosisDeg: 0 })).toHaveProperty('error');
  });

  it('keeps hand-chosen values drawable', () => {
    const shape = manualShape('L2', { anterior: 1, middle: 20, posterior: 100 }, 90);
    expect(shape.heightsMm.anterior).toBeGreaterThanOrEqual(4);
    expect(shape.heightsMm.posterior).toBeLessThanOrEqual(60);
    expect(shape.localKyphosisDeg).toBeLessThanOrEqual(60);
    expect(shape.source).toBe('manual');
  });

  it('draws two levels above and below, shifting at the ends of the range', () => {
    expect(levelsAround('L1')).toEqual(['T11', 'T12', 'L1', 'L2', 'L3']);
    expect(levelsAround('L5')).toEqual(['L1', 'L2', 'L3', 'L4', 'L5']);
    expect(levelsAround('T1')).toEqual(['T1', 'T2', 'T3', 'T4', 'T5']);
  });
});

describe('options overview', () => {
  it('covers non-surgical and surgical options, each with good points and downsides', () => {
    const ids = OPTIONS_OVERVIEW.map((o) => o.id);
    expect(ids).toEqual(expect.arrayContaining(['rest', 'pain-medicine', 'bone-strengthening', 'brace', 'vertebroplasty', 'kyphoplasty', 'fusion']));
    for (const words of Object.values(PHRASEBOOKS)) {
      for (const { id } of OPTIONS_OVERVIEW) {
        expect(words.overview.options[id].goodPoints.length).toBeGreaterThan(0);
        expect(words.overview.options[id].downsides.length).toBeGreaterThan(0);
      }
    }
  });
});
