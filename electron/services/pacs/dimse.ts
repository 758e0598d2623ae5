import dcmjs from 'dcmjs';
import dimse from 'dcmjs-dimse';
import { studyMatchingKeys, type PacsQuery, type PacsSeriesResult, type PacsStudyResult } from '../../../shared/pacs/query';
import { answerStore, textOf } from './dimse-values';
import { CancelledError, describeNetworkError, PacsError } from './net-errors';
import type { StoredNode } from './node-store';
import type { PacsClient } from './pacs-client';
import { joinStorageScp } from './storage-scp';

type DimseStored = Extract<StoredNode, { kind: 'dimse' }>;
type Dataset = InstanceType<typeof dimse.Dataset>;
type DimseRequest = InstanceType<typeof dimse.requests.CEchoRequest>;

const { Client, Dataset: DimseDataset, Implementation } = dimse;
const { CEchoRequest, CFindRequest, CGetRequest, CMoveRequest, CStoreRequest } = dimse.requests;
// Its log would print association details and datasets (patient data) to stdout.
dimse.log.setLevel('silent');

const { Status, RejectSource } = dimse.constants;

export interface DimseOptions {
  /** How long to wait for the connection, the association, or the next message. */
  readonly timeoutMs?: number;
}

/** A-ASSOCIATE-RJ reasons from the service user (PS3.8 §9.3.4, Table 9-21). */
const REJECT_REASONS: Record<number, string> = {
  2: 'the application context is not supported',
  3: 'our AE title is not known to it',
  7: 'it does not answer to that AE title',
};

/** Status classes of DIMSE responses (PS3.7 Annex C): 0000 success, FF00/FF01 pending, Bxxx warning, others failure. */
const isPending = (status: number) => status === Status.Pending || status === 0xff01;
const isFailure = (status: number) => status !== Status.Success && !isPending(status) && (status & 0xf000) !== 0xb000;

/**
 * A received dataset as a DICOM Part 10 file: the same file meta dcmjs-dimse's Dataset.toFile writes
 * (PS3.10 §7.1), kept in memory so the retrieve writes each file once.
 */
function part10(dataset: Dataset): Uint8Array {
  const elements = dataset.getElements() as Record<string, unknown>;
  const meta = {
    FileMetaInformationVersion: new Uint8Array([0, 1]).buffer,
    MediaStorageSOPClassUID: elements.SOPClassUID,
    MediaStorageSOPInstanceUID: elements.SOPInstanceUID,
    TransferSyntaxUID: dataset.getTransferSyntaxUid(),
    ImplementationClassUID: Implementation.getImplementationClassUid(),
    ImplementationVersionName: Implementation.getImplementationVersion(),
  };
  const dict = new dcmjs.data.DicomDict(dcmjs.data.DicomMetaDictionary.denaturalizeDataset(meta));
  dict.dict = dcmjs.data.DicomMetaDictionary.denaturalizeDataset(elements);
  return new Uint8Array(dict.write());
}

/** A Part 10 file as a dcmjs-dimse Dataset in the file's own transfer syntax, for C-STORE. */
function datasetOfPart10(bytes: Uint8Array): Dataset {
  const file = dcmjs.data.DicomMessage.readFile(bytes.slice().buffer as ArrayBuffer);
  const transferSyntax = String((file.meta['00020010'] as { Value?: unknown[] } | undefined)?.Value?.[0] ?? '1.2.840.10008.1.2.1');
  return new DimseDataset(dcmjs.data.DicomMetaDictionary.naturalizeDataset(file.dict), transferSyntax);
}



function numberOf(value: unknown): number | undefined {
  const n = Number(textOf(value));
  return textOf(value) !== '' && Number.isInteger(n) ? n : undefined;
}

/** ModalitiesInStudy may come as a list or as one backslash-separated string. */
function listOf(value: unknown): string[] {
  const items = Array.isArray(value) ? value : [value];
  return items.flatMap((v) => (typeof v === 'string' ? v.split('\\') : [])).filter(Boolean);
}

/**
 * DIMSE with dcmjs-dimse (maintained, MIT, pure JavaScript — no native DCMTK binding to ship):
 * C-ECHO, study/series C-FIND, C-GET on one association or C-MOVE to our own storage SCP, and C-STORE.
 */
export function createDimseClient(node: DimseStored, options: DimseOptions = {}): PacsClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const where = `${node.host}:${node.port} (${node.aeTitle})`;
  const netOptions = { connectTimeout: timeoutMs, associationTimeout: timeoutMs, pduTimeout: timeoutMs };

  /** Runs requests on one association; rejects with a PacsError that says why it failed. */
  function exchange(requests: DimseRequest[], extra: { signal?: AbortSignal; onStore?: (dataset: Dataset) => Promise<void>; client?: InstanceType<typeof Client> } = {}): Promise<void> {
    const client = extra.client ?? new Client();
    for (const r of requests) client.addRequest(r);
    return new Promise<void>((resolve, reject) => {
      let failure: Error | undefined;
      let settled = false;
      const fail = (e: Error) => {
        failure ??= e;
      };
      const settle = () => {
        if (settled) return;
        settled = true;
        clearTimeout(watchdog);
        extra.signal?.removeEventListener('abort', onAbort);
        if (failure) reject(failure);
        else resolve();
      };
      // dcmjs-dimse's own timeouts do not cover a peer that accepts the connection and then stays
      // silent: any message from the server restarts this watchdog, and its expiry ends the call.
      let watchdog: ReturnType<typeof setTimeout> | undefined;
      const touch = () => {
        clearTimeout(watchdog);
        watchdog = setTimeout(() => {
          fail(new PacsError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout'));
          try {
            client.abort();
          } catch {
            // no network yet: nothing to abort
          }
          settle();
        }, timeoutMs);
      };
      touch();
      for (const r of requests) r.on('response', touch);
      client.on('associationAccepted', touch);
      const onAbort = () => {
        fail(new CancelledError());
        for (const r of requests) if (r instanceof CGetRequest || r instanceof CMoveRequest) client.cancel(r);
        // The server may keep sending after C-CANCEL; the association is dropped rather than waited on.
        setTimeout(() => {
          try {
            client.abort();
          } catch {
            // the association has already closed
          }
        }, 200);
      };
      extra.signal?.addEventListener('abort', onAbort, { once: true });
      client.on('associationRejected', (r: { result: number; source: number; reason: number }) => {
        const why = r.source === RejectSource.ServiceUser ? REJECT_REASONS[r.reason] : undefined;
        fail(new PacsError(`${where} rejected the association${why ? `: ${why}` : ''} — check the AE titles`, 'rejected'));
      });
      client.on('networkError', (e: Error) => {
        fail(/timeout/i.test(e.message) ? new PacsError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout') : describeNetworkError(e, where, timeoutMs));
      });
      client.on('cStoreRequest', (request: InstanceType<typeof CStoreRequest>, callback: (r: unknown) => void) => {
        touch();
        answerStore(
          request,
          callback,
          (dataset) => (extra.onStore ? extra.onStore(dataset) : Promise.reject(new Error('unexpected C-STORE'))),
          (e) => fail(e instanceof Error ? e : new Error(String(e))),
        );
      });
      client.on('closed', settle);
      if (extra.signal?.aborted) return reject(new CancelledError());
      client.send(node.host, node.port, node.localAeTitle, node.aeTitle, netOptions);
    });
  }

  /** A request whose final status must be success; failures name the server's comment. */
  function checked<T extends DimseRequest>(request: T, onPending?: (response: { getDataset(): Dataset | undefined; hasDataset(): boolean }) => void): T {
    request.on('response', (response: { getStatus(): number; getErrorComment(): string; getDataset(): Dataset | undefined; hasDataset(): boolean; getFailures?: () => number }) => {
      const status = response.getStatus();
      if (isPending(status)) onPending?.(response);
      else if (isFailure(status)) (request as unknown as { failure?: string }).failure = `${where} answered with status ${status.toString(16).toUpperCase()}${response.getErrorComment() ? `: ${response.getErrorComment()}` : ''}`;
      else if ((response.getFailures?.() ?? 0) > 0) (request as unknown as { failure?: string }).failure = `${where} could not send ${response.getFailures?.()} instance(s)`;
    });
    return request;
  }
  const failureOf = (r: DimseRequest) => (r as unknown as { failure?: string }).failure;

  async function find(request: DimseRequest): Promise<Record<string, unknown>[]> {
    const rows: Record<string, unknown>[] = [];
    const r = checked(request, (response) => {
      const ds = response.hasDataset() ? response.getDataset() : undefined;
      if (ds) rows.push(ds.getElements() as Record<string, unknown>);
    });
    await exchange([r]);
    if (failureOf(r)) throw new PacsError(failureOf(r)!, 'rejected');
    return rows;
  }

  async function seriesOf(studyInstanceUid: string): Promise<PacsSeriesResult[]> {
    const rows = await find(
      CFindRequest.createSeriesFindRequest({ StudyInstanceUID: studyInstanceUid, SeriesInstanceUID: '', Modality: '', SeriesDescription: '', SeriesNumber: '', NumberOfSeriesRelatedInstances: '' }),
    );
    return rows
      .map((e) => ({
        seriesInstanceUid: textOf(e.SeriesInstanceUID),
        modality: textOf(e.Modality),
        description: textOf(e.SeriesDescription),
        seriesNumber: numberOf(e.SeriesNumber),
        instanceCount: numberOf(e.NumberOfSeriesRelatedInstances) ?? 0,
      }))
      .sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
  }

  return {
    async echo() {
      const r = checked(new CEchoRequest());
      await exchange([r]);
      if (failureOf(r)) throw new PacsError(failureOf(r)!, 'rejected');
      return `C-ECHO to ${where} succeeded`;
    },
    async search(query: PacsQuery): Promise<PacsStudyResult[]> {
      const keys = studyMatchingKeys(query);
      const rows = await find(
        CFindRequest.createStudyFindRequest({
          PatientName: '',
          PatientID: '',
          StudyDate: '',
          AccessionNumber: '',
          StudyDescription: '',
          ModalitiesInStudy: '',
          StudyInstanceUID: '',
          ...keys,
        }),
      );
      return Promise.all(
        rows.map(async (e) => {
          const series = await seriesOf(textOf(e.StudyInstanceUID));
          const listed = listOf(e.ModalitiesInStudy);
          return {
            studyInstanceUid: textOf(e.StudyInstanceUID),
            patientName: textOf(e.PatientName),
            patientId: textOf(e.PatientID),
            studyDate: textOf(e.StudyDate),
            accession: textOf(e.AccessionNumber),
            description: textOf(e.StudyDescription),
            modalities: listed.length > 0 ? listed : [...new Set(series.map((s) => s.modality).filter(Boolean))],
            series,
          };
        }),
      );
    },
    seriesOf,
    async retrieve(target, onInstance, signal) {
      const onStore = (dataset: Dataset) => onInstance(part10(dataset));
      if (node.retrieveBy === 'c-get') {
        const r = checked(CGetRequest.createSeriesGetRequest(target.studyInstanceUid, target.seriesInstanceUid));
        await exchange([r], { signal, onStore });
        if (failureOf(r)) throw new PacsError(failureOf(r)!, 'rejected');
        return;
      }
      const scp = await joinStorageScp(node.localPort, { aeTitle: node.localAeTitle, seriesInstanceUid: target.seriesInstanceUid, onStore }, timeoutMs);
      try {
        const r = checked(CMoveRequest.createSeriesMoveRequest(node.localAeTitle, target.studyInstanceUid, target.seriesInstanceUid));
        await exchange([r], { signal });
        if (failureOf(r)) throw new PacsError(failureOf(r)!, 'rejected');
        if (scp.error) throw scp.error;
      } finally {
        scp.release();
      }
    },
    async store(instances) {
      const requests = instances.map((bytes) => checked(new CStoreRequest(datasetOfPart10(bytes))));
      await exchange(requests);
      const failed = requests.map(failureOf).filter(Boolean);
      if (failed.length > 0) throw new PacsError(failed[0]!, 'rejected');
    },
  };
}
