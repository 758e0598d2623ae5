import dcmjs from 'dcmjs';
import { describe, expect, it } from 'vitest';
import { actionFor, BASIC_PROFILE_RULES, profileRuleFor, type ProfileRule } from '../../../shared/deid/confidentiality-profile';

// dcmjs's data dictionary by keyword; its typings (shared/report/dcmjs.d.ts) leave it out.
const { nameMap } = dcmjs.data.DicomMetaDictionary as unknown as { nameMap: Record<string, { tag: string; name: string }> };
const keywordOfTag = new Map(Object.values(nameMap).map((entry) => [entry.tag.replace(/[(),]/g, '').toUpperCase(), entry.name.replace(/^RETIRED_/, '')]));

/** Whether the chosen action is one the Table E.1-1 code allows (see confidentiality-profile.ts). */
function allowedByProfile(r: ProfileRule): boolean {
  const options = r.profile.replace('U*', 'U').split('/');
  if (options.includes(r.action)) return true;
  if (r.action === 'D') return options.includes('Z'); // Z allows a dummy value
  return r.action === 'X'; // removal never discloses more than the profile's choice
}

describe('the Basic Profile table', () => {
  it('names each tag with the keyword of the DICOM data dictionary', () => {
    for (const r of BASIC_PROFILE_RULES) expect(keywordOfTag.get(r.tag), r.tag).toBe(r.keyword);
  });

  it('holds each tag once', () => {
    expect(new Set(BASIC_PROFILE_RULES.map((r) => r.tag)).size).toBe(BASIC_PROFILE_RULES.length);
  });

  it('chooses, for every row, an action that Table E.1-1 allows', () => {
    expect(BASIC_PROFILE_RULES.filter((r) => !allowedByProfile(r))).toEqual([]);
  });

  it('writes the pseudonym only for Patient Name and Patient ID', () => {
    expect(BASIC_PROFILE_RULES.filter((r) => r.action === 'D').map((r) => r.keyword).sort()).toEqual(['PatientID', 'PatientName']);
  });

  it('follows the published actions for the attributes SpineLab files carry', () => {
    const actions = Object.fromEntries(BASIC_PROFILE_RULES.map((r) => [r.keyword, r.profile]));
    expect(actions).toMatchObject({
      PatientName: 'Z', PatientID: 'Z/D', PatientBirthDate: 'Z', PatientSex: 'Z', PatientAge: 'X',
      OtherPatientIDs: 'X', OtherPatientNames: 'X', PatientAddress: 'X', PatientComments: 'X',
      InstitutionName: 'X/Z/D', InstitutionAddress: 'X', InstitutionalDepartmentName: 'X',
      ReferringPhysicianName: 'Z', PerformingPhysicianName: 'X', PhysiciansOfRecord: 'X', RequestingPhysician: 'X',
      OperatorsName: 'X/Z/D', AccessionNumber: 'Z', StudyID: 'Z',
      StudyDate: 'Z', StudyTime: 'Z', SeriesDate: 'X/D', SeriesTime: 'X/D', AcquisitionDate: 'X/Z', AcquisitionTime: 'X/Z',
      ContentDate: 'Z/D', ContentTime: 'Z/D', DeviceSerialNumber: 'X/Z/D', StationName: 'X/Z/D',
      StudyDescription: 'X', SeriesDescription: 'X', ImageComments: 'X',
      StudyInstanceUID: 'U', SeriesInstanceUID: 'U', SOPInstanceUID: 'U', FrameOfReferenceUID: 'U', ReferencedSOPInstanceUID: 'U',
    });
  });

  it('keeps only temporal attributes under the full-dates option', () => {
    expect(actionFor('00080020', { keepDates: true })).toBe('K');
    expect(actionFor('00080020', { keepDates: false })).toBe('Z');
    expect(actionFor('00100030', { keepDates: true })).toBe('Z'); // birth date is not longitudinal
    expect(actionFor('00280030', { keepDates: false })).toBe('K'); // Pixel Spacing is not in the table
    expect(profileRuleFor('0020000d')?.keyword).toBe('StudyInstanceUID');
  });
});
