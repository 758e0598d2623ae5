/**
 * The closed set of reasons a DICOM file can fail to load. The UI shows `message`; tests and the fuzz
 * harness assert that nothing but a DicomError ever escapes parse or decode.
 */
export type DicomErrorKind =
  | 'not-dicom'
  | 'truncated'
  | 'unsupported-encoding'
  | 'corrupt-pixel-data'
  | 'too-large'
  | 'no-pixel-data'
  | 'invalid-header';

export class DicomError extends Error {
  readonly kind: DicomErrorKind;
  readonly fileName: string;
  /** Plain words, without the file name, e.g. "the file ends before its image data is complete". */
  readonly reason: string;

  constructor(kind: DicomErrorKind, fileName: string, reason: string) {
    super(`${fileName}: ${reason}`);
    this.name = 'DicomError';
    this.kind = kind;
    this.fileName = fileName;
    this.reason = reason;
  }
}

/** What dicom-parser throws when it gives up part-way: the data set parsed so far comes along. */
export interface PartialParseFailure<T> {
  exception: unknown;
  dataSet: T;
}

export function isPartialParseFailure(value: unknown): value is PartialParseFailure<unknown> {
  return typeof value === 'object' && value !== null && 'exception' in value && 'dataSet' in value;
}

/** The text of whatever was thrown: dicom-parser throws strings, Errors and {exception, dataSet}. */
export function describeThrown(value: unknown): string {
  if (isPartialParseFailure(value)) return describeThrown(value.exception);
  if (value instanceof Error) return value.message;
  if (typeof value === 'string') return value;
  return String(value);
}

/**
 * Maps anything thrown while reading a file to a DicomError with words a clinician understands.
 * dicom-parser's messages are matched on their stable phrases; anything unrecognised keeps its text
 * so that nothing is hidden.
 */
export function toDicomError(e: unknown, fileName: string): DicomError {
  if (e instanceof DicomError) return e;
  if (e instanceof RangeError && /call stack/i.test(e.message)) {
    return new DicomError('invalid-header', fileName, 'the file nests its data too deeply to be read safely');
  }
  const text = describeThrown(e);
  if (/DICM prefix not found/i.test(text)) {
    return new DicomError('not-dicom', fileName, 'this is not a DICOM file (no DICOM signature and no recognisable DICOM data)');
  }
  if (/overr(un|ead)|past end|ran out of data|invalid value for parameter .maxPosition/i.test(text)) {
    return new DicomError('truncated', fileName, 'the file ends before its data is complete (it may have been cut short while copying)');
  }
  if (/missing required meta header attribute 0002,0010/i.test(text)) {
    return new DicomError('invalid-header', fileName, 'the file does not say how its data is encoded (Transfer Syntax UID is missing)');
  }
  if (e instanceof RangeError || e instanceof TypeError) {
    return new DicomError('invalid-header', fileName, `the file's structure is damaged and cannot be read (${text})`);
  }
  return new DicomError('invalid-header', fileName, `the file's header cannot be read (${text})`);
}
