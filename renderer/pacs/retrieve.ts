import type { FileRef } from '../../shared/api';
import { buildEncapsulatedPdf } from '../../shared/pacs/encapsulated-pdf';
import { expectedInstances, type RetrieveRequest, type RetrieveStatus } from '../../shared/pacs/retrieve';
import { loadSources } from '../app/load-files';
import { useStudyStore } from '../app/study-store';
import type { StudyInfo } from '../../shared/report/study-info';
import { platform, type FileSource } from '../platform';
import { selectedNode, usePacsStore } from './pacs-store';

const POLL_MS = 150;

/**
 * Retrieves a study or series on the host and loads it with the app's own loader while it arrives:
 * one source per instance the server listed, each of which waits for its file, so the first image
 * shows as soon as the first instance is in.
 */
export async function retrieveIntoViewer(nodeId: string, request: RetrieveRequest, label: string): Promise<void> {
  const { api } = platform;
  let status = await api.pacsRetrieve(nodeId, request);
  const jobId = status.jobId;
  const expected = expectedInstances(status);
  const waiting: Array<{ resolve: (f: FileRef) => void; reject: (e: Error) => void } | undefined> = [];
  const settled = new Set<number>();
  const fileAt = (i: number) =>
    new Promise<FileRef>((resolve, reject) => {
      if (status.files[i]) resolve(status.files[i]);
      else if (status.state !== 'running') reject(new Error(endReason(status, expected)));
      else waiting[i] = { resolve, reject };
    });
  const sources: FileSource[] = Array.from({ length: expected }, (_, i) => ({
    name: `${String(i + 1).padStart(5, '0')}.dcm`,
    relativePath: `${label}/${String(i + 1).padStart(5, '0')}.dcm`,
    size: 0,
    read: async () => platform.sourcesFor([await fileAt(i)])[0].read(),
  }));
  usePacsStore.getState().setRetrieve({ label, status });
  const loading = loadSources(sources, label);

  while (status.state === 'running') {
    await new Promise((r) => setTimeout(r, POLL_MS));
    status = await api.pacsRetrieveStatus(jobId).catch(() => status);
    // A cancel from the progress panel has told the host and closed the study: release the waiting reads.
    if (usePacsStore.getState().retrieve?.status.jobId !== jobId) {
      status = { ...status, state: 'cancelled', files: [] };
      break;
    }
    usePacsStore.getState().setRetrieve({ label, status });
    status.files.forEach((f, i) => {
      if (waiting[i] && !settled.has(i)) {
        settled.add(i);
        waiting[i]!.resolve(f);
      }
    });
  }
  waiting.forEach((w, i) => {
    if (!w || settled.has(i)) return;
    settled.add(i);
    if (status.files[i]) w.resolve(status.files[i]);
    else w.reject(new Error(endReason(status, expected)));
  });
  await loading;
  if (status.state === 'done') usePacsStore.getState().setRetrieve(undefined);
  if (status.state === 'failed') useStudyStore.getState().setMessage(`Retrieve stopped: ${status.error ?? 'unknown error'}`);
}

function endReason(status: RetrieveStatus, expected: number): string {
  if (status.state === 'failed') return status.error ?? 'The retrieve failed';
  if (status.state === 'cancelled') return 'The retrieve was cancelled';
  return `The server sent ${status.files.length} of the ${expected} instances it listed`;
}

/** Cancels on the host (which deletes what it had received) and closes the half-loaded study. */
export async function cancelRetrieve(): Promise<void> {
  const active = usePacsStore.getState().retrieve;
  if (!active) return;
  usePacsStore.getState().setRetrieve(undefined);
  await platform.api.pacsCancelRetrieve(active.status.jobId).catch(() => undefined);
  useStudyStore.getState().closeStudy();
  useStudyStore.getState().setMessage(`Retrieve of ${active.label} cancelled: nothing of it was kept`);
}

function base64(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 0x8000) text += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(text);
}

/** What "SR to PACS" sends: the SR, and the report PDF as Encapsulated PDF in the same study when the user asked for it. */
export async function storeBackObjects(sr: Uint8Array, study: StudyInfo, now: Date, reportPdf: () => Promise<Uint8Array>): Promise<Uint8Array[]> {
  if (!usePacsStore.getState().alsoStorePdf) return [sr];
  return [sr, buildEncapsulatedPdf(await reportPdf(), study, { now }).bytes];
}

/** Sends DICOM objects to the selected PACS server; returns what to tell the user. */
export async function storeOnPacs(objects: readonly Uint8Array[]): Promise<string> {
  const pacs = usePacsStore.getState();
  if (pacs.nodes.length === 0) await pacs.refreshNodes();
  const node = selectedNode(usePacsStore.getState());
  if (!node) return 'No PACS server is set up: add one under PACS first.';
  try {
    return `${await platform.api.pacsStore(node.id, objects.map(base64))} (${node.name})`;
  } catch (e) {
    return `Could not store on ${node.name}: ${e instanceof Error ? e.message : String(e)}`;
  }
}
