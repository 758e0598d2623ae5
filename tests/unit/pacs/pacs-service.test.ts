import { existsSync, mkdtempSync, promises as fs, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatchCall } from '../../../electron/services/dispatch';
import { createFileRegistry } from '../../../electron/services/file-registry';
import { createHostApi } from '../../../electron/services/host-api';
import { createPacsService } from '../../../electron/services/pacs/pacs-service';
import { createRecentList } from '../../../electron/services/recent-list';
import { createSampleLibrary } from '../../../electron/services/sample-library';
import type { HostApi } from '../../../shared/api';
import type { RetrieveStatus } from '../../../shared/pacs/retrieve';
import dcmjs from 'dcmjs';
import { buildEncapsulatedPdf, ENCAPSULATED_PDF_SOP_CLASS } from '../../../shared/pacs/encapsulated-pdf';
import { buildPdfReport } from '../../../shared/report/pdf';
import { buildSr } from '../../../shared/report/sr';
import { readSr } from '../../../shared/report/sr-read';
import { reportInput, SOURCE_IMAGES, STUDY } from '../report/report-input';
import { dicomFilesUnder, freePort, ORTHANC_AET, orthancMissing, startOrthanc, type Orthanc } from './orthanc';
import { pixelsByUid, pixelsOf } from './pixels';

const CT = path.resolve(__dirname, '../../../samples/cases/case-03-t12-moderate-wedge-ct');

function hostWith(dir: string, log: (line: string) => void = () => {}) {
  const registry = createFileRegistry();
  const pacs = createPacsService(path.join(dir, 'pacs'), registry);
  const api = createHostApi({
    version: 'test',
    mode: 'browser',
    registry,
    recent: createRecentList(path.join(dir, 'recent.json')),
    samples: createSampleLibrary(path.join(dir, 'none'), registry),
    annotations: { load: async () => ({ document: null, readOnly: false }), save: async () => undefined },
    pacs,
  });
  /** Every call goes through the validated dispatch, as IPC and the browser host send it. */
  const call = async <C extends keyof HostApi>(channel: C, ...args: unknown[]) => {
    const r = await dispatchCall(api, channel, JSON.parse(JSON.stringify(args)), log);
    if (!r.ok) throw new Error(r.error);
    return r.result as Awaited<ReturnType<HostApi[C]>>;
  };
  return { registry, pacs, call };
}

describe('PACS nodes kept by the host', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-pacs-nodes-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('says in words, through the dispatch, that a server is down', async () => {
    const { call } = hostWith(dir);
    const down = await call('pacsSaveNode', { kind: 'dicomweb', name: 'Down', baseUrl: `http://127.0.0.1:${await freePort()}/dicom-web`, auth: 'none' });
    await expect(call('pacsEcho', down.id)).rejects.toThrow(/127\.0\.0\.1:\d+ refused the connection/);
    await call('pacsRemoveNode', down.id);
  });

  it('keeps a bearer token on the host and never returns it', async () => {
    const { call } = hostWith(dir);
    const saved = await call('pacsSaveNode', { kind: 'dicomweb', name: 'Hospital', baseUrl: 'https://pacs.example/dicom-web/', auth: 'bearer', secret: 'tok-123-secret' });
    expect(saved).toMatchObject({ hasSecret: true, baseUrl: 'https://pacs.example/dicom-web' });
    const listed = await call('pacsListNodes');
    expect(JSON.stringify(listed)).not.toContain('tok-123-secret');
    // Editing without typing the token again keeps it; the file on disk holds it for the host alone.
    await call('pacsSaveNode', { id: saved.id, kind: 'dicomweb', name: 'Hospital 2', baseUrl: 'https://pacs.example/dicom-web', auth: 'bearer' });
    const stored = await fs.readFile(path.join(dir, 'pacs', 'nodes.json'), 'utf8');
    expect(stored).toContain('tok-123-secret');
    expect((await call('pacsListNodes'))[0]).toMatchObject({ name: 'Hospital 2', hasSecret: true });
    await call('pacsRemoveNode', saved.id);
    expect(await call('pacsListNodes')).toEqual([]);
  });

  it('never puts a password or token in the log or in any reply, even from a server that echoes them back', async () => {
    const PASSWORD = 'pw-Zq81-secret';
    const TOKEN = 'tok-Hh27-secret';
    const authorizations: string[] = [];
    // A server that reflects the Authorization header in its status line, and refuses the token outright.
    const server = http.createServer((req, res) => {
      authorizations.push(req.headers.authorization ?? '');
      if (req.headers.authorization?.startsWith('Bearer')) res.writeHead(401, `no for ${req.headers.authorization}`).end();
      else res.writeHead(500, `broken ${req.headers.authorization ?? ''}`).end(`echo ${req.headers.authorization ?? ''}`);
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const base = `http://127.0.0.1:${(server.address() as { port: number }).port}/dicom-web`;
    const logged: string[] = [];
    const { call } = hostWith(dir, (line) => logged.push(line));
    const replies: unknown[] = [];
    const reply = async (p: Promise<unknown>) => replies.push(await p.catch((e: unknown) => (e instanceof Error ? e.message : e)));
    try {
      const basic = await call('pacsSaveNode', { kind: 'dicomweb', name: 'Basic', baseUrl: base, auth: 'basic', username: 'reader', secret: PASSWORD });
      const bearer = await call('pacsSaveNode', { kind: 'dicomweb', name: 'Bearer', baseUrl: base, auth: 'bearer', secret: TOKEN });
      replies.push(basic, bearer);
      for (const id of [basic.id, bearer.id]) {
        await reply(call('pacsListNodes'));
        await reply(call('pacsEcho', id));
        await reply(call('pacsSearch', id, { patientId: 'X' }));
        await reply(call('pacsRetrieve', id, { studyInstanceUid: '1.2.3' }));
        await reply(call('pacsStore', id, [Buffer.from(buildSr(reportInput(), { now: new Date(0), sourceImages: SOURCE_IMAGES }).bytes).toString('base64')]));
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
    // The secrets did go to the server, so the replies had every chance to carry them back.
    expect(authorizations).toContain(`Basic ${Buffer.from(`reader:${PASSWORD}`).toString('base64')}`);
    expect(authorizations).toContain(`Bearer ${TOKEN}`);
    // Each failure is answered in words (a PacsError crosses the dispatch as it is).
    const said = replies.filter((r): r is string => typeof r === 'string');
    expect(said.filter((line) => /HTTP 500/.test(line)).length).toBeGreaterThanOrEqual(3);
    expect(said.filter((line) => /refused our credentials/.test(line)).length).toBeGreaterThanOrEqual(3);
    const out = JSON.stringify([replies, logged]);
    for (const secret of [PASSWORD, TOKEN, Buffer.from(`reader:${PASSWORD}`).toString('base64')]) expect(out).not.toContain(secret);
    for (const id of [(replies[0] as { id: string }).id, (replies[1] as { id: string }).id]) await call('pacsRemoveNode', id);
  });

  it('refuses malformed nodes and queries before any service runs', async () => {
    const { call } = hostWith(dir);
    await expect(call('pacsSaveNode', { kind: 'dimse', name: 'x', aeTitle: 'A\\B', host: 'h', port: 104, localAeTitle: 'ME', localPort: 11112, retrieveBy: 'c-get' })).rejects.toThrow(/Refused call to pacsSaveNode: .*AE title/);
    await expect(call('pacsSaveNode', { kind: 'dicomweb', name: 'x', baseUrl: 'http://user:pw@host/dicom-web', auth: 'none' })).rejects.toThrow(/Refused/);
    await expect(call('pacsSearch', 'node', { patientName: 'A\\B' })).rejects.toThrow(/Refused/);
    await expect(call('pacsSearch', 'node', { dateFrom: '2024-02-30' })).rejects.toThrow(/Refused/);
    await expect(call('pacsStore', 'node', ['not base64!'])).rejects.toThrow(/Refused/);
  });
});

describe.skipIf(orthancMissing)('PACS service against a real Orthanc', () => {
  let orthanc: Orthanc;
  let dir: string;
  let localPort: number;
  let ctFiles: string[];
  let host: ReturnType<typeof hostWith>;
  let webId: string;
  let dimseId: string;
  let ctStudy: string;

  beforeAll(async () => {
    localPort = await freePort();
    orthanc = await startOrthanc([{ aeTitle: 'SPINELAB', port: localPort }]);
    ctFiles = await dicomFilesUnder([CT]);
    await orthanc.upload(ctFiles);
    dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-pacs-svc-'));
    host = hostWith(dir);
    webId = (await host.call('pacsSaveNode', { kind: 'dicomweb', name: 'Orthanc web', baseUrl: orthanc.dicomWebUrl, auth: 'none' })).id;
    dimseId = (
      await host.call('pacsSaveNode', { kind: 'dimse', name: 'Orthanc', aeTitle: ORTHANC_AET, host: '127.0.0.1', port: orthanc.dicomPort, localAeTitle: 'SPINELAB', localPort, retrieveBy: 'c-get' })
    ).id;
    ctStudy = (await host.call('pacsSearch', webId, { patientId: 'SL-CASE-03' }))[0].studyInstanceUid;
  });
  afterAll(async () => {
    await orthanc?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function until(jobId: string, done: (s: RetrieveStatus) => boolean): Promise<RetrieveStatus> {
    for (;;) {
      const s = await host.call('pacsRetrieveStatus', jobId);
      if (done(s)) return s;
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  it('retrieves a study into registered files whose pixels are the originals', async () => {
    const started = await host.call('pacsRetrieve', webId, { studyInstanceUid: ctStudy });
    expect(started.series.map((s) => s.expected)).toEqual([ctFiles.length]);
    const done = await until(started.jobId, (s) => s.state !== 'running');
    expect(done.state).toBe('done');
    expect(done.series[0].received).toBe(ctFiles.length);
    const originals = await pixelsByUid(ctFiles);
    for (const ref of done.files) {
      const { sopInstanceUid, pixels } = pixelsOf(new Uint8Array(await fs.readFile(host.registry.resolve(ref.id)!)));
      expect(Buffer.compare(pixels, originals.get(sopInstanceUid)!)).toBe(0);
    }
  });

  it('a cancelled retrieve keeps nothing half-loaded', async () => {
    const started = await host.call('pacsRetrieve', dimseId, { studyInstanceUid: ctStudy });
    const partial = await until(started.jobId, (s) => s.files.length > 0 || s.state !== 'running');
    expect(partial.state).toBe('running');
    const paths = partial.files.map((f) => host.registry.resolve(f.id)!);
    const cancelled = await host.call('pacsCancelRetrieve', started.jobId);
    expect(cancelled.state).toBe('cancelled');
    expect(cancelled.files).toEqual([]);
    expect(paths.length).toBeGreaterThan(0);
    for (const p of paths) expect(existsSync(p)).toBe(false);
    expect((await host.call('pacsRetrieveStatus', started.jobId)).files).toEqual([]);
  });

  for (const via of ['STOW-RS', 'C-STORE'] as const) {
    it(`stores our SR by ${via}; Orthanc holds it and it reads back as the same measurements`, async () => {
      const input = reportInput();
      const sr = buildSr(input, { now: new Date('2025-01-02T03:04:05Z'), sourceImages: SOURCE_IMAGES });
      const message = await host.call('pacsStore', via === 'STOW-RS' ? webId : dimseId, [Buffer.from(sr.bytes).toString('base64')]);
      expect(message).toMatch(/Stored 1 object/);
      const hits = await fetch(`http://127.0.0.1:${orthanc.httpPort}/tools/lookup`, { method: 'POST', body: sr.sopInstanceUid }).then((r) => r.json() as Promise<Array<{ ID: string; Type: string }>>);
      expect(hits.map((h) => h.Type)).toEqual(['Instance']);
      const back = readSr(await orthanc.restBytes(`/instances/${hits[0].ID}/file`));
      if (!back.ok) throw new Error(back.errors.join('\n'));
      expect(back.value.annotations.map((a) => a.id)).toEqual(input.doc.annotations.filter((a) => a.plane.kind === 'image').map((a) => a.id));
    });

    it(`stores the report PDF as Encapsulated PDF beside the SR by ${via}; QIDO finds both in the study and the PDF comes back byte for byte`, async () => {
      const now = new Date('2025-01-02T03:04:05Z');
      const input = reportInput();
      const sr = buildSr(input, { now, sourceImages: SOURCE_IMAGES });
      const pdf = await buildPdfReport(input, { now });
      const encapsulated = buildEncapsulatedPdf(pdf, input.study, { now });
      const message = await host.call('pacsStore', via === 'STOW-RS' ? webId : dimseId, [sr, encapsulated].map((o) => Buffer.from(o.bytes).toString('base64')));
      expect(message).toMatch(/Stored 2 objects/);

      const qido = await fetch(`${orthanc.dicomWebUrl}/studies/${STUDY.studyInstanceUid}/instances?SOPInstanceUID=${encapsulated.sopInstanceUid}&includefield=00080016,00080060`, {
        headers: { Accept: 'application/dicom+json' },
      }).then((r) => r.json() as Promise<Array<Record<string, { Value?: string[] }>>>);
      expect(qido.map((ds) => [ds['00080016']?.Value?.[0], ds['00080060']?.Value?.[0]])).toEqual([[ENCAPSULATED_PDF_SOP_CLASS, 'DOC']]);
      const inStudy = await fetch(`${orthanc.dicomWebUrl}/studies/${STUDY.studyInstanceUid}/instances?SOPInstanceUID=${sr.sopInstanceUid}`, { headers: { Accept: 'application/dicom+json' } }).then(
        (r) => r.json() as Promise<unknown[]>,
      );
      expect(inStudy).toHaveLength(1);

      const [hit] = await fetch(`http://127.0.0.1:${orthanc.httpPort}/tools/lookup`, { method: 'POST', body: encapsulated.sopInstanceUid }).then((r) => r.json() as Promise<Array<{ ID: string }>>);
      const stored = dcmjs.data.DicomMetaDictionary.naturalizeDataset(dcmjs.data.DicomMessage.readFile((await orthanc.restBytes(`/instances/${hit.ID}/file`)).slice().buffer as ArrayBuffer).dict);
      expect(stored).toMatchObject({ PatientID: STUDY.patientId, StudyInstanceUID: STUDY.studyInstanceUid, MIMETypeOfEncapsulatedDocument: 'application/pdf', EncapsulatedDocumentLength: pdf.length });
      const document = new Uint8Array((stored.EncapsulatedDocument as ArrayBuffer[])[0], 0, pdf.length);
      expect(Buffer.compare(document, pdf)).toBe(0);
    });
  }
});
