import type { DeidentifyRequest, DeidentifyResponse } from '../workers/deidentify-worker';
import { platform } from '../platform';
import { useStudyStore } from './study-store';

function randomText(bytes: number, alphabet: string): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(bytes)), (b) => alphabet[b % alphabet.length]).join('');
}

/** Runs the de-identification in a worker of its own, so the screen stays responsive meanwhile. */
function deidentifyInWorker(request: DeidentifyRequest): Promise<DeidentifyResponse> {
  const worker = new Worker(new URL('../workers/deidentify-worker.ts', import.meta.url), { type: 'module' });
  return new Promise<DeidentifyResponse>((resolve, reject) => {
    worker.onmessage = (event: MessageEvent<DeidentifyResponse>) => resolve(event.data);
    worker.onerror = (event) => reject(new Error(event.message || 'the de-identification worker stopped'));
    worker.postMessage(request, request.files.map((f) => f.bytes));
  }).finally(() => worker.terminate());
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
  const result = await deidentifyInWorker({ files, salt: randomText(32, '0123456789abcdef'), pseudonym });
  if (!result.ok) return `The de-identified copy could not be made: ${result.error}`;
  if (!result.zip) return `Nothing could be de-identified: ${result.failures[0]?.reason ?? 'no DICOM files'}.`;
  const saved = await platform.saveExport(`${pseudonym}-deidentified.zip`, 'application/zip', result.zip);
  if (!saved) return 'Export cancelled.';
  return [
    `De-identified copy saved as ${saved}: ${result.fileCount} file${result.fileCount === 1 ? '' : 's'}, patient renamed ${pseudonym}.`,
    result.failures.length > 0 ? `${result.failures.length} file(s) left out (not readable as DICOM).` : '',
    result.warnings.length > 0 ? `Check by eye: ${result.warnings.join(' ')}` : '',
  ]
    .filter(Boolean)
    .join(' ');
}
