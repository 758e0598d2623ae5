// PACS retrieve speed: a 500-slice CT from a local Orthanc, by WADO-RS and by C-GET through the host's
// PACS service (files written and registered, as the app does), beside curl of the same WADO-RS URL and
// DCMTK's getscu/findscu in the same run. Figures vary with machine load; the ratios are the point.
// Usage: npm run bench (all benchmarks) or npx tsx scripts/bench-pacs.ts [SLICES]
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createFileRegistry } from '../electron/services/file-registry';
import { createPacsService } from '../electron/services/pacs/pacs-service';
import { expectedInstances } from '../shared/pacs/retrieve';
import { writeCtSeries } from '../tests/fixtures/ct-series';
import { freePort, ORTHANC_AET, orthancMissing, startOrthanc } from '../tests/unit/pacs/orthanc';

const SLICES = Number(process.argv[2] ?? 500);
const ROUNDS = 2;

function has(tool: string): boolean {
  return spawnSync('which', [tool]).status === 0;
}

function timed(command: string, args: string[]): number {
  const t0 = performance.now();
  const r = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  if (r.status !== 0) throw new Error(`${command} failed: ${r.stderr}`);
  return performance.now() - t0;
}

async function main(): Promise<void> {
  if (orthancMissing) {
    console.log(`PACS bench skipped: ${orthancMissing}`);
    return;
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'spinelab-bench-pacs-'));
  const localPort = await freePort();
  const orthanc = await startOrthanc([{ aeTitle: 'SPINELAB', port: localPort }]);
  try {
    mkdirSync(path.join(work, 'ct'));
    const files = writeCtSeries(path.join(work, 'ct'), { slices: SLICES, size: 512 });
    const studyUid = '1.2.826.0.1.3680043.8.498.1001';
    const seriesUid = `${studyUid}.1`;
    console.log(`Loading ${files.length} CT slices of 512 × 512 into Orthanc…`);
    if ((await orthanc.upload(files)) !== files.length) throw new Error('Orthanc refused some slices');

    const pacs = createPacsService(path.join(work, 'data'), createFileRegistry());
    const web = await pacs.saveNode({ kind: 'dicomweb', name: 'bench', baseUrl: orthanc.dicomWebUrl, auth: 'none' });
    const dimse = await pacs.saveNode({ kind: 'dimse', name: 'bench', aeTitle: ORTHANC_AET, host: '127.0.0.1', port: orthanc.dicomPort, localAeTitle: 'SPINELAB', localPort, retrieveBy: 'c-get' });

    /** One retrieve through the service: total time, and time until the first file was registered. */
    async function ours(nodeId: string): Promise<{ total: number; first: number }> {
      const t0 = performance.now();
      let status = await pacs.retrieve(nodeId, { studyInstanceUid: studyUid, seriesInstanceUid: seriesUid });
      let first = Number.NaN;
      while (status.state === 'running') {
        await new Promise((r) => setTimeout(r, 2));
        status = await pacs.retrieveStatus(status.jobId);
        if (Number.isNaN(first) && status.files.length > 0) first = performance.now() - t0;
      }
      if (status.state !== 'done' || status.files.length !== expectedInstances(status)) throw new Error(`retrieve ${status.state}: ${status.error ?? ''}`);
      return { total: performance.now() - t0, first };
    }

    const wadoUrl = `${orthanc.dicomWebUrl}/studies/${studyUid}/series/${seriesUid}`;
    const rows: Array<[string, number, number | undefined, string, number | undefined]> = [];
    const best = (xs: number[]) => Math.min(...xs);

    const wado: Array<{ total: number; first: number }> = [];
    const curl: number[] = [];
    const cget: Array<{ total: number; first: number }> = [];
    const getscu: number[] = [];
    const find: number[] = [];
    const findscu: number[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      wado.push(await ours(web.id));
      if (has('curl')) curl.push(timed('curl', ['-sf', '-o', path.join(work, `wado-${round}.bin`), '-H', 'Accept: multipart/related; type="application/dicom"; transfer-syntax=*', wadoUrl]));
      cget.push(await ours(dimse.id));
      if (has('getscu')) {
        const out = path.join(work, `getscu-${round}`);
        mkdirSync(out);
        getscu.push(timed('getscu', ['-S', '-aet', 'SPINELAB', '-aec', ORTHANC_AET, '127.0.0.1', String(orthanc.dicomPort), '-k', 'QueryRetrieveLevel=SERIES', '-k', `StudyInstanceUID=${studyUid}`, '-k', `SeriesInstanceUID=${seriesUid}`, '-od', out]));
        if (readdirSync(out).length !== SLICES) throw new Error(`getscu wrote ${readdirSync(out).length} files`);
      }
      const t0 = performance.now();
      await pacs.search(dimse.id, { patientId: 'BENCH' });
      await pacs.search(dimse.id, {});
      find.push(performance.now() - t0);
      if (has('findscu')) {
        const t1 = performance.now();
        for (const key of ['PatientID=BENCH', 'PatientID']) {
          timed('findscu', ['-S', '-aet', 'SPINELAB', '-aec', ORTHANC_AET, '127.0.0.1', String(orthanc.dicomPort), '-k', 'QueryRetrieveLevel=STUDY', '-k', key, '-k', 'StudyInstanceUID']);
        }
        findscu.push(performance.now() - t1);
      }
    }
    rows.push(['WADO-RS retrieve (ours, written + registered)', best(wado.map((w) => w.total)), best(wado.map((w) => w.first)), 'curl, same URL', curl.length ? best(curl) : undefined]);
    rows.push(['C-GET retrieve (ours, written + registered)', best(cget.map((w) => w.total)), best(cget.map((w) => w.first)), 'DCMTK getscu', getscu.length ? best(getscu) : undefined]);
    rows.push(['C-FIND study search ×2 (ours, + series level)', best(find), undefined, 'DCMTK findscu ×2 (study level)', findscu.length ? best(findscu) : undefined]);

    const mb = (SLICES * 512 * 512 * 2) / 1e6;
    console.log(`\n${SLICES}-slice CT (${mb.toFixed(0)} MB of pixels), best of ${ROUNDS} rounds, local Orthanc on loopback`);
    console.log('| what | ours (ms) | first image (ms) | peer | peer (ms) | ours / peer |');
    console.log('| --- | ---: | ---: | --- | ---: | ---: |');
    for (const [what, t, first, peer, p] of rows) {
      console.log(`| ${what} | ${t.toFixed(0)} | ${first === undefined ? '—' : first.toFixed(0)} | ${peer} | ${p === undefined ? 'not installed' : p.toFixed(0)} | ${p === undefined ? '—' : (t / p).toFixed(2)} |`);
    }
  } finally {
    await orthanc.stop();
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
