/** DICOM dates (DA, YYYYMMDD) as ISO dates for display; anything else is shown as it is. */
export function formatDicomDate(d: string | undefined): string {
  return d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : (d ?? '');
}

/** A DICOM person name (PN, "Family^Given^Middle") as "Family, Given Middle". */
export function formatPersonName(name: string): string {
  const [family, ...rest] = name.split('^');
  const given = rest.filter(Boolean).join(' ');
  return given ? `${family}, ${given}` : family;
}
