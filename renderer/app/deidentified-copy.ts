import { zipSync } from 'fflate';
import { createUidMapper } from '../../shared/deid/uid-mapper';
import { deidentifyStudy } from '../../shared/deid/deidentify-study';
import { platform } from '../platform';
import { useStudyStore } from './study-store';

function randomText(bytes: number, alphabet: string): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => alphabet[b % alphabet.length]).join('');
}

/**
 * A de-identified copy of the open study (DICOM PS3.15 Basic Application Level Confidentiality
 * Profile) as one ZIP: one pseudonym and one UID mapping for every file, so series and references
 * stay linked; a fresh secret salt each time, so two exports cannot be joined. Returns a summary
 * for the user, with any burned-in-text warnings.
 */
export async function exportDeidentifiedCopy(): Promise<string> {
  const { sources } = useStudyStore.getState();
  if (sources.length === 0) return 'Open a study first.';
  const files = await Promise.all(sources.map(async (s) => ({ name: s.relativePath || s.name, bytes: await s.read() })));
  const pseudonym = `ANON-${randomText(6, 'ABCDEFGHJKLMNPQRSTUVWXYZ23456789')}`;
  const result = deidentifyStudy(files, { uidMap: createUidMapper(randomText(32, '0123456789abcdef')), patientPseudonym: pseudonym });
  if (result.files.length === 0) return `Nothing could be de-identified: ${result.failures[0]?.reason ?? 'no DICOM files'}.`;
  // Pixel data is already compressed or noise-like: storing is as good as deflating, and faster.
  const zip = zipSync(Object.fromEntries(result.files.map((f) => [`${pseudonym}/${f.name}`, new Uint8Array(f.bytes)])), { level: 0 });
  const saved = await platform.saveExport(`${pseudonym}-deidentified.zip`, 'application/zip', zip);
  if (!saved) return 'Export cancelled.';
  const warnings = [...new Set(result.files.flatMap((f) => f.warnings))];
  return [
    `De-identified copy saved as ${saved}: ${result.files.length} file${result.files.length === 1 ? '' : 's'}, patient renamed ${pseudonym}.`,
    result.failures.length > 0 ? `${result.failures.length} file(s) left out (not readable as DICOM).` : '',
    warnings.length > 0 ? `Check by eye: ${warnings.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
