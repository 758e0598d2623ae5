import { STATUS_CODES } from 'node:http';
import { seriesFromJson, studyFromJson, TAGS, type DicomJsonDataset } from '../../../shared/pacs/dicom-json';
import { boundaryOf, buildMultipart, createMultipartReader } from '../../../shared/pacs/multipart';
import { studyMatchingKeys, type PacsQuery, type PacsSeriesResult, type PacsStudyResult } from '../../../shared/pacs/query';
import { CancelledError, describeNetworkError, PacsError } from './net-errors';
import type { PacsClient, RetrieveTarget } from './pacs-client';
import type { StoredNode } from './node-store';

type DicomWebStored = Extract<StoredNode, { kind: 'dicomweb' }>;

export interface DicomWebOptions {
  /** How long a request may wait for an answer, or a retrieve for its next bytes. */
  readonly timeoutMs?: number;
  /** Studies returned by one search at most. */
  readonly limit?: number;
}

/** Study-level attributes asked for beyond the default set (PS3.18 §10.6.1.2 includefield). */
const STUDY_FIELDS = [TAGS.StudyDescription, TAGS.ModalitiesInStudy];
const SERIES_FIELDS = [TAGS.SeriesDescription, TAGS.NumberOfSeriesRelatedInstances];
/** WADO-RS: instances as stored (transfer-syntax=*, PS3.18 §8.7.3.5.2); the app's loader decodes what it can and names what it cannot. */
const ACCEPT_DICOM = 'multipart/related; type="application/dicom"; transfer-syntax=*';

/** Characters a query value may carry as they are: URL-safe, plus "^" (name components) and DICOM's wildcards. */
const RAW_SAFE = /[^A-Za-z0-9^*?.,_:~-]/g;

/**
 * The QIDO-RS query string. Orthanc's DICOMweb plugin (1.7) matches percent-escapes literally
 * ("SAMPLE%5ET12*" finds nothing), so values go raw where a URL allows it, and any other character
 * (a space, "&", non-ASCII) becomes the one-character wildcard "?" (PS3.4 §C.2.2.2.4): every server
 * then finds at least what was asked for.
 */
export function qidoQueryString(keys: Record<string, string>): string {
  return Object.entries(keys)
    .map(([k, v]) => `${k}=${v.replace(RAW_SAFE, '?')}`)
    .join('&');
}

/**
 * DICOMweb over plain fetch (Node's undici): QIDO-RS to search, WADO-RS to retrieve, STOW-RS to store.
 * Plain fetch rather than dicomweb-client because that library is built on XMLHttpRequest, which
 * Node lacks, and because fetch gives the streamed body, so each instance is passed on as soon as
 * its part has arrived.
 */
export function createDicomWebClient(node: DicomWebStored, options: DicomWebOptions = {}): PacsClient {
  const timeoutMs = options.timeoutMs ?? 15_000;
  const limit = options.limit ?? 100;
  const base = node.baseUrl.replace(/\/+$/, '');
  const where = new URL(base).host;

  function authHeaders(): Record<string, string> {
    if (node.auth === 'basic' && node.secret !== undefined) return { Authorization: `Basic ${Buffer.from(`${node.username ?? ''}:${node.secret}`).toString('base64')}` };
    if (node.auth === 'bearer' && node.secret !== undefined) return { Authorization: `Bearer ${node.secret}` };
    return {};
  }

  /** One request; `idle` aborts it when no answer (or, while the body streams, no bytes) came for timeoutMs. */
  async function request(path: string, init: RequestInit & { signal?: AbortSignal }, consume: (response: Response, touch: () => void) => Promise<void>): Promise<void> {
    const idle = new AbortController();
    let timer = setTimeout(() => idle.abort(), timeoutMs);
    const touch = () => {
      clearTimeout(timer);
      timer = setTimeout(() => idle.abort(), timeoutMs);
    };
    const signal = init.signal ? AbortSignal.any([init.signal, idle.signal]) : idle.signal;
    try {
      const response = await fetch(`${base}${path}`, { ...init, headers: { ...authHeaders(), ...init.headers }, signal, redirect: 'error' });
      if (response.status === 401 || response.status === 403) throw new PacsError(`${where} refused our credentials (HTTP ${response.status})`, 'rejected');
      // The standard reason phrase, not the server's own: a server may echo our Authorization header in it.
      if (!response.ok && response.status !== 204) throw new PacsError(`${where} answered HTTP ${response.status} ${STATUS_CODES[response.status] ?? ''}`.trim(), 'rejected');
      await consume(response, touch);
    } catch (error) {
      if (init.signal?.aborted) throw new CancelledError();
      if (idle.signal.aborted) throw new PacsError(`${where} did not answer within ${Math.round(timeoutMs / 1000)} s`, 'timeout');
      throw describeNetworkError(error, where, timeoutMs);
    } finally {
      clearTimeout(timer);
    }
  }

  async function qido(path: string): Promise<DicomJsonDataset[]> {
    let out: DicomJsonDataset[] = [];
    await request(path, { headers: { Accept: 'application/dicom+json' } }, async (response) => {
      if (response.status === 204) return;
      const body: unknown = await response.json().catch(() => undefined);
      if (!Array.isArray(body)) throw new PacsError(`${where} did not answer with DICOM JSON`, 'protocol');
      out = body as DicomJsonDataset[];
    });
    return out;
  }

  async function seriesOf(studyInstanceUid: string): Promise<PacsSeriesResult[]> {
    const rows = await qido(`/studies/${encodeURIComponent(studyInstanceUid)}/series?includefield=${SERIES_FIELDS.join(',')}`);
    return rows.map(seriesFromJson).sort((a, b) => (a.seriesNumber ?? 0) - (b.seriesNumber ?? 0));
  }

  return {
    async echo() {
      await qido('/studies?limit=1');
      return `QIDO-RS at ${where} answered`;
    },
    async search(query: PacsQuery): Promise<PacsStudyResult[]> {
      const keys = { ...studyMatchingKeys(query), includefield: STUDY_FIELDS.join(','), limit: String(limit) };
      const studies = await qido(`/studies?${qidoQueryString(keys)}`);
      return Promise.all(studies.map(async (ds) => studyFromJson(ds, await seriesOf(studyFromJson(ds, []).studyInstanceUid))));
    },
    seriesOf,
    async retrieve(target: RetrieveTarget, onInstance, signal) {
      const path = `/studies/${encodeURIComponent(target.studyInstanceUid)}/series/${encodeURIComponent(target.seriesInstanceUid)}`;
      await request(path, { headers: { Accept: ACCEPT_DICOM }, signal }, async (response, touch) => {
        const boundary = boundaryOf(response.headers.get('content-type'));
        if (!boundary || !response.body) throw new PacsError(`${where} did not answer with a multipart body`, 'protocol');
        const reader = createMultipartReader(boundary);
        const body = response.body.getReader();
        for (let next = await body.read(); !next.done; next = await body.read()) {
          touch();
          for (const part of reader.push(next.value)) await onInstance(part.body);
        }
        if (!reader.done) throw new PacsError(`${where} ended the retrieve before its last instance`, 'protocol');
      });
    },
    async store(instances) {
      const boundary = `spinelab-${Date.now().toString(36)}`;
      const body = buildMultipart(boundary, instances.map((bytes) => ({ contentType: 'application/dicom', body: bytes })));
      await request(
        '/studies',
        { method: 'POST', headers: { 'Content-Type': `multipart/related; type="application/dicom"; boundary=${boundary}`, Accept: 'application/dicom+json' }, body: Buffer.from(body) },
        async (response) => {
          // A STOW-RS answer lists refused instances under FailedSOPSequence (PS3.18 §10.5.3, tag 0008,1198).
          const answer = (await response.json().catch(() => undefined)) as DicomJsonDataset | undefined;
          const failed = answer?.['00081198']?.Value?.length ?? 0;
          if (failed > 0) throw new PacsError(`${where} refused ${failed} of ${instances.length} instance(s)`, 'rejected');
        },
      );
    },
  };
}
