import { assertValidPseudonym, deidentify, type DeidentifyOptions } from './deidentify';

export interface NamedFile {
  name: string;
  bytes: ArrayBuffer;
}

export interface DeidentifiedFile extends NamedFile {
  /** The name the file came in with, for the user's own report; it may itself identify the patient. */
  sourceName: string;
  warnings: string[];
}

export interface StudyDeidentification {
  files: DeidentifiedFile[];
  /** Files left out, with the reason in plain words; the others are still de-identified. */
  failures: { sourceName: string; reason: string }[];
}

/**
 * De-identifies every file of a study (or several) with one UID mapper and one pseudonym, so that
 * series, references and the patient stay linked. Original file names often carry the patient's
 * name or record number, so each output is named after its replacement SOP Instance UID instead.
 * Files are read one at a time, in order: an iterable that lets go of each source once read keeps
 * only the sources not yet read.
 */
export function deidentifyStudy(files: Iterable<NamedFile>, options: DeidentifyOptions): StudyDeidentification {
  assertValidPseudonym(options.patientPseudonym);
  const result: StudyDeidentification = { files: [], failures: [] };
  for (const file of files) {
    try {
      const { bytes, warnings, sopInstanceUid } = deidentify(file.bytes, options);
      result.files.push({ name: `${sopInstanceUid}.dcm`, sourceName: file.name, bytes, warnings });
    } catch (e) {
      result.failures.push({ sourceName: file.name, reason: e instanceof Error ? e.message : String(e) });
    }
  }
  return result;
}
