import { createRequire } from 'node:module';
import { deterministicUid } from './uid';

/**
 * Writes DICOM Part 10 files with dcmjs (`DicomDict.write()` returns an ArrayBuffer: NOTES.md).
 * dcmjs ships no type declarations, so it is loaded through createRequire and given the narrow type
 * below, instead of a project-wide ambient module declaration.
 */
interface DcmjsData {
  DicomDict: new (meta: object) => { dict: object; write(): ArrayBuffer };
  DicomMetaDictionary: { denaturalizeDataset(dataset: object): object };
}
const require = createRequire(import.meta.url);
const { data: dcmjsData } = require('dcmjs') as { data: DcmjsData };

export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const IMPLEMENTATION_CLASS_UID = deterministicUid(0, 'SpineLab sample generator implementation');
const IMPLEMENTATION_VERSION_NAME = 'SPINELAB_SAMPLES';

/** A naturalised dataset: DICOM keywords to values, as dcmjs expects (sequences as arrays of datasets). */
export type NaturalDataset = Record<string, unknown>;

export function writePart10(dataset: NaturalDataset, pixelData: Uint16Array): Uint8Array {
  const sopClassUid = dataset.SOPClassUID;
  const sopInstanceUid = dataset.SOPInstanceUID;
  if (typeof sopClassUid !== 'string' || typeof sopInstanceUid !== 'string') throw new Error('A dataset needs SOPClassUID and SOPInstanceUID');
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: sopClassUid,
    MediaStorageSOPInstanceUID: sopInstanceUid,
    TransferSyntaxUID: EXPLICIT_VR_LITTLE_ENDIAN,
    ImplementationClassUID: IMPLEMENTATION_CLASS_UID,
    ImplementationVersionName: IMPLEMENTATION_VERSION_NAME,
  };
  // Copy the pixels into their own little-endian buffer (typed arrays are little-endian on every
  // platform Node runs on) and mark the element OW, which dcmjs cannot infer for 16-bit data.
  const pixels = new Uint16Array(pixelData).buffer;
  const dict = new dcmjsData.DicomDict(dcmjsData.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjsData.DicomMetaDictionary.denaturalizeDataset({ ...dataset, PixelData: [pixels], _vrMap: { PixelData: 'OW' } });
  return new Uint8Array(dict.write());
}
