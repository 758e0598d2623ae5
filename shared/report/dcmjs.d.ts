/** The small part of dcmjs (no bundled types) that the report builders use. */
declare module 'dcmjs' {
  /** Named by keyword, e.g. { PatientName: 'Doe^Jane', ContentSequence: [...] }. */
  type NaturalizedDataset = Record<string, unknown>;
  /** Keyed by tag, e.g. { '00100010': { vr: 'PN', Value: [...] } }. */
  type DenaturalizedDataset = Record<string, unknown>;

  interface DicomDict {
    meta: DenaturalizedDataset;
    dict: DenaturalizedDataset;
    write(options?: { allowInvalidVRLength?: boolean }): ArrayBuffer;
  }

  const dcmjs: {
    data: {
      DicomDict: new (meta: DenaturalizedDataset) => DicomDict;
      DicomMessage: { readFile(buffer: ArrayBuffer, options?: { ignoreErrors?: boolean }): DicomDict };
      DicomMetaDictionary: {
        naturalizeDataset(dataset: DenaturalizedDataset): NaturalizedDataset;
        denaturalizeDataset(dataset: NaturalizedDataset): DenaturalizedDataset;
      };
    };
  };
  export default dcmjs;
}
