import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createDimseClient } from '../../../electron/services/pacs/dimse';
import type { StoredNode } from '../../../electron/services/pacs/node-store';
import { dicomFilesUnder, freePort, ORTHANC_AET, orthancMissing, startOrthanc, type Orthanc } from './orthanc';
import { pixelsByUid, pixelsOf, startSilentServer } from './pixels';

const cases = path.resolve(__dirname, '../../../samples/cases');
const CT = path.join(cases, 'case-03-t12-moderate-wedge-ct');
const MR = path.join(cases, 'case-05-acute-vs-chronic-mr');

describe.skipIf(orthancMissing)('DIMSE against a real Orthanc', () => {
  let orthanc: Orthanc;
  let ctFiles: string[];
  let mrFiles: string[];
  let localPort: number;
  const node = (over: Partial<Extract<StoredNode, { kind: 'dimse' }>> = {}): Extract<StoredNode, { kind: 'dimse' }> => ({
    id: 'o',
    kind: 'dimse',
    name: 'Orthanc',
    aeTitle: ORTHANC_AET,
    host: '127.0.0.1',
    port: orthanc.dicomPort,
    localAeTitle: 'SPINELAB',
    localPort,
    retrieveBy: 'c-get',
    ...over,
  });

  beforeAll(async () => {
    localPort = await freePort();
    orthanc = await startOrthanc([{ aeTitle: 'SPINELAB', port: localPort }]);
    ctFiles = await dicomFilesUnder([CT]);
    mrFiles = await dicomFilesUnder([MR]);
    const all = [...ctFiles, ...mrFiles];
    expect(await orthanc.upload(all)).toBe(all.length);
  });
  afterAll(() => orthanc?.stop());

  it('C-ECHO succeeds', async () => {
    expect(await createDimseClient(node()).echo()).toMatch(/C-ECHO .* succeeded/);
  });

  it('a wrong AE title: the association is rejected, in words', async () => {
    await expect(createDimseClient(node({ aeTitle: 'NOT-ORTHANC' })).echo()).rejects.toThrow(/rejected the association: it does not answer to that AE title/);
  });

  it('a server that is down: the connection is refused', async () => {
    await expect(createDimseClient(node({ port: await freePort() })).echo()).rejects.toThrow(/refused the connection/);
  });

  it('a server that accepts and never answers: a timeout', async () => {
    const silent = await startSilentServer();
    try {
      await expect(createDimseClient(node({ port: silent.port }), { timeoutMs: 800 }).echo()).rejects.toThrow(/did not answer within 1 s/);
    } finally {
      await silent.close();
    }
  });

  it('C-FIND by patient ID, modality and date range, with series counts', async () => {
    const client = createDimseClient(node());
    const [mr] = await client.search({ patientId: 'SL-CASE-05' });
    expect(mr.series.map((s) => s.instanceCount)).toEqual([11, 11, 11]);
    expect((await client.search({ modality: 'CT' })).map((s) => s.patientId)).toEqual(['SL-CASE-03']);
    expect((await client.search({ patientName: 'SAMPLE^ACUTE', dateFrom: '2024-05-01' })).map((s) => s.patientId)).toEqual(['SL-CASE-05']);
    expect(await client.search({ dateTo: '2024-01-01' })).toEqual([]);
  });

  for (const retrieveBy of ['c-get', 'c-move'] as const) {
    it(`${retrieveBy.toUpperCase()} of a CT series gives pixels identical to the originals`, async () => {
      const client = createDimseClient(node({ retrieveBy }));
      const [study] = await client.search({ patientId: 'SL-CASE-03' });
      const originals = await pixelsByUid(ctFiles);
      const received: Uint8Array[] = [];
      await client.retrieve({ studyInstanceUid: study.studyInstanceUid, seriesInstanceUid: study.series[0].seriesInstanceUid }, async (b) => void received.push(b), new AbortController().signal);
      expect(received).toHaveLength(ctFiles.length);
      for (const bytes of received) {
        const { sopInstanceUid, pixels } = pixelsOf(bytes);
        expect(Buffer.compare(pixels, originals.get(sopInstanceUid)!)).toBe(0);
      }
    });
  }

  it('two C-MOVEs at once share our storage port and each gets exactly its own instances', async () => {
    const [mr] = await createDimseClient(node()).search({ patientId: 'SL-CASE-05' });
    const [ct] = await createDimseClient(node()).search({ patientId: 'SL-CASE-03' });
    const originals = await pixelsByUid([...ctFiles, ...mrFiles]);
    // Two moves of different series and two of the same series, all four running together.
    const targets = [
      { studyInstanceUid: ct.studyInstanceUid, seriesInstanceUid: ct.series[0].seriesInstanceUid, expected: ct.series[0].instanceCount },
      { studyInstanceUid: mr.studyInstanceUid, seriesInstanceUid: mr.series[0].seriesInstanceUid, expected: 11 },
      { studyInstanceUid: mr.studyInstanceUid, seriesInstanceUid: mr.series[1].seriesInstanceUid, expected: 11 },
      { studyInstanceUid: mr.studyInstanceUid, seriesInstanceUid: mr.series[1].seriesInstanceUid, expected: 11 },
    ];
    const results = await Promise.all(
      targets.map(async (target) => {
        const received: Uint8Array[] = [];
        await createDimseClient(node({ retrieveBy: 'c-move' })).retrieve(target, async (b) => void received.push(b), new AbortController().signal);
        return received.map(pixelsOf);
      }),
    );
    targets.forEach((target, i) => {
      const got = results[i];
      expect(got).toHaveLength(target.expected);
      expect(new Set(got.map((g) => g.sopInstanceUid)).size).toBe(target.expected);
      for (const { sopInstanceUid, seriesInstanceUid, pixels } of got) {
        expect(seriesInstanceUid).toBe(target.seriesInstanceUid);
        expect(Buffer.compare(pixels, originals.get(sopInstanceUid)!)).toBe(0);
      }
    });
  });
});
