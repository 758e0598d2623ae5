/**
 * Searching a PACS: the fields a user fills in, their checks, how they become DICOM matching keys
 * (the same keys serve QIDO-RS and C-FIND), and the patient → study → series results.
 */

export interface PacsQuery {
  readonly patientName?: string;
  readonly patientId?: string;
  /** Study date range, ISO dates (YYYY-MM-DD); either end may be open. */
  readonly dateFrom?: string;
  readonly dateTo?: string;
  readonly modality?: string;
  readonly accession?: string;
  readonly description?: string;
}

export interface PacsSeriesResult {
  readonly seriesInstanceUid: string;
  readonly modality: string;
  readonly description: string;
  readonly seriesNumber?: number;
  readonly instanceCount: number;
}

export interface PacsStudyResult {
  readonly studyInstanceUid: string;
  readonly patientName: string;
  readonly patientId: string;
  /** DICOM DA, YYYYMMDD, or '' when the server gave none. */
  readonly studyDate: string;
  readonly accession: string;
  readonly description: string;
  readonly modalities: string[];
  readonly series: PacsSeriesResult[];
}

export interface PacsPatientResult {
  readonly patientId: string;
  readonly patientName: string;
  readonly studies: PacsStudyResult[];
}

export const QUERY_FIELDS = ['patientName', 'patientId', 'dateFrom', 'dateTo', 'modality', 'accession', 'description'] as const;

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** Characters a matching key may not hold: backslash separates values (PS3.5 §6.4), control characters are never text. */
const FORBIDDEN = /[\\\u0000-\u001f]/;
const MODALITY = /^[A-Z0-9_]{1,16}$/;

/** Checks an untrusted query; returns it typed (empty fields dropped) or the reason it is refused. */
export function parseQuery(value: unknown): { ok: true; value: PacsQuery } | { ok: false; reason: string } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, reason: 'expected search fields' };
  const out: Record<string, string> = {};
  for (const [key, raw] of Object.entries(value)) {
    if (!(QUERY_FIELDS as readonly string[]).includes(key)) return { ok: false, reason: `unexpected field "${key}"` };
    if (raw === undefined || raw === '') continue;
    if (typeof raw !== 'string' || raw.length > 64 || FORBIDDEN.test(raw)) return { ok: false, reason: `${key} must be short plain text` };
    out[key] = raw.trim();
  }
  for (const key of ['dateFrom', 'dateTo'] as const) {
    if (out[key] !== undefined && !isIsoDate(out[key])) return { ok: false, reason: `${key} must be a date (YYYY-MM-DD)` };
  }
  if (out.dateFrom && out.dateTo && out.dateFrom > out.dateTo) return { ok: false, reason: 'The date range ends before it starts' };
  if (out.modality !== undefined && !MODALITY.test(out.modality)) return { ok: false, reason: 'modality must be a DICOM modality code such as CT or MR' };
  return { ok: true, value: out };
}

function isIsoDate(text: string): boolean {
  const m = ISO_DATE.exec(text);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1], +m[2] - 1, +m[3]));
  return d.getUTCFullYear() === +m[1] && d.getUTCMonth() === +m[2] - 1 && d.getUTCDate() === +m[3];
}

/** A name or description without wildcards matches as a prefix: "SMITH" finds "SMITH^JOHN" (wildcard matching, PS3.4 §C.2.2.2.4). */
function prefixMatch(text: string): string {
  return /[*?]/.test(text) ? text : `${text}*`;
}

/**
 * The study-level matching keys, by DICOM keyword, for a query: only fields the user filled in.
 * Dates become a range (range matching, PS3.4 §C.2.2.2.5: "A-B", "A-" or "-B").
 */
export function studyMatchingKeys(q: PacsQuery): Record<string, string> {
  const keys: Record<string, string> = {};
  if (q.patientName) keys.PatientName = prefixMatch(q.patientName);
  if (q.patientId) keys.PatientID = q.patientId;
  if (q.accession) keys.AccessionNumber = q.accession;
  if (q.description) keys.StudyDescription = prefixMatch(q.description);
  if (q.modality) keys.ModalitiesInStudy = q.modality;
  if (q.dateFrom || q.dateTo) {
    const da = (iso?: string) => (iso ? iso.replaceAll('-', '') : '');
    keys.StudyDate = q.dateFrom === q.dateTo ? da(q.dateFrom) : `${da(q.dateFrom)}-${da(q.dateTo)}`;
  }
  return keys;
}

/** Studies grouped by patient (ID, then name for studies without ID), newest study first. */
export function groupByPatient(studies: readonly PacsStudyResult[]): PacsPatientResult[] {
  const byPatient = new Map<string, PacsPatientResult>();
  for (const study of studies) {
    const key = `${study.patientId}\u0000${study.patientId ? '' : study.patientName}`;
    let patient = byPatient.get(key);
    if (!patient) {
      patient = { patientId: study.patientId, patientName: study.patientName, studies: [] };
      byPatient.set(key, patient);
    }
    patient.studies.push(study);
  }
  const result = [...byPatient.values()];
  for (const p of result) p.studies.sort((a, b) => b.studyDate.localeCompare(a.studyDate));
  return result.sort((a, b) => a.patientName.localeCompare(b.patientName) || a.patientId.localeCompare(b.patientId));
}

export function instanceCount(study: PacsStudyResult): number {
  return study.series.reduce((sum, s) => sum + s.instanceCount, 0);
}
