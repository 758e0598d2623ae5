import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDicomWebClient } from '../../../electron/services/pacs/dicomweb';
import type { PacsQuery } from '../../../shared/pacs/query';
import { dicomFilesUnder, freePort, orthancMissing, startOrthanc, type Orthanc } from './orthanc';
import { pixelsByUid, pixelsOf, startSilentServer } from './pixels';

const cases = path.resolve(__dirname, '../../../samples/cases');
const CT = path.join(cases, 'case-03-t12-moderate-wedge-ct');
const MR = path.join(cases, 'case-05-acute-vs-chronic-mr');
const XR = path.join(cases, 'case-02-l1-mild-wedge');

describe.skipIf(orthancMissing)('DICOMweb against a real Orthanc', () => {
  let orthanc: Orthanc;
  let ctFiles: string[];
  const client = () => createDicomWebClient({ id: 'o', kind: 'dicomweb', name: 'Orthanc', baseUrl: orthanc.dicomWebUrl, auth: 'none' });

  beforeAll(async () => {
    orthanc = await startOrthanc([]);
    ctFiles = await dicomFilesUnder([CT]);
    const all = [...ctFiles, ...(await dicomFilesUnder([MR, XR]))];
    expect(await orthanc.upload(all)).toBe(all.length);
  });
  afterAll(() => orthanc?.stop());

  it('echo: a QIDO ping answers', async () => {
    expect(await client().echo()).toMatch(/answered/);
  });

  const byField: Array<[string, PacsQuery, string[]]> = [
    ['patient name (prefix)', { patientName: 'SAMPLE^T12' }, ['SL-CASE-03']],
    ['patient name (wildcard)', { patientName: '*CHRONIC' }, ['SL-CASE-05']],
    ['patient ID', { patientId: 'SL-CASE-02' }, ['SL-CASE-02']],
    ['date range', { dateFrom: '2024-03-01', dateTo: '2024-06-01' }, ['SL-CASE-03', 'SL-CASE-05']],
    ['open-ended date', { dateTo: '2024-02-29' }, ['SL-CASE-02']],
    ['modality', { modality: 'MR' }, ['SL-CASE-05']],
    ['accession', { accession: 'SL-CASE-03-main' }, ['SL-CASE-03']],
    ['description', { description: 'CT thoraco' }, ['SL-CASE-03']],
  ];
  it.each(byField)('search by %s', async (_name, query, patients) => {
    const studies = await client().search(query);
    expect(studies.map((s) => s.patientId).sort()).toEqual(patients);
  });

  it('search results carry series with their instance counts', async () => {
    const [study] = await client().search({ patientId: 'SL-CASE-05' });
    expect(study.series.map((s) => s.instanceCount)).toEqual([11, 11, 11]);
    expect(study.modalities).toEqual(['MR']);
    expect(study.description).not.toBe('');
  });

  it('retrieves a CT series by WADO-RS with pixels identical to the originals', async () => {
    const [study] = await client().search({ patientId: 'SL-CASE-03' });
    const originals = await pixelsByUid(ctFiles);
    const received: Uint8Array[] = [];
    await client().retrieve({ studyInstanceUid: study.studyInstanceUid, seriesInstanceUid: study.series[0].seriesInstanceUid }, async (b) => void received.push(b), new AbortController().signal);
    expect(received).toHaveLength(ctFiles.length);
    for (const bytes of received) {
      const { sopInstanceUid, pixels } = pixelsOf(bytes);
      expect(Buffer.compare(pixels, originals.get(sopInstanceUid)!)).toBe(0);
    }
  });

  it('a server that is down: the connection is refused, in words', async () => {
    const port = await freePort();
    const down = createDicomWebClient({ id: 'd', kind: 'dicomweb', name: 'Down', baseUrl: `http://127.0.0.1:${port}/dicom-web`, auth: 'none' });
    await expect(down.echo()).rejects.toThrow(/refused the connection/);
  });

  it('a server that accepts and never answers: a timeout, in words', async () => {
    const silent = await startSilentServer();
    try {
      const slow = createDicomWebClient({ id: 's', kind: 'dicomweb', name: 'Slow', baseUrl: `http://127.0.0.1:${silent.port}/dicom-web`, auth: 'none' }, { timeoutMs: 800 });
      await expect(slow.search({})).rejects.toThrow(/did not answer within 1 s/);
    } finally {
      await silent.close();
    }
  });
});
