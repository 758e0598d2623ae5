import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import type { FileRef } from '../../../shared/api';
import type { RetrieveRequest, RetrieveStatus } from '../../../shared/pacs/retrieve';
import type { FileRegistry } from '../file-registry';
import { CancelledError, PacsError } from './net-errors';
import type { PacsClient } from './pacs-client';

type SeriesProgress = { -readonly [K in keyof RetrieveStatus['series'][number]]: RetrieveStatus['series'][number][K] };

interface Job {
  readonly jobId: string;
  readonly dir: string;
  readonly abort: AbortController;
  readonly series: SeriesProgress[];
  files: FileRef[];
  state: RetrieveStatus['state'];
  error?: string;
  finished: Promise<void>;
}

export interface RetrieveJobs {
  /** Lists the series to fetch, then fetches them one after another in the background. */
  start(client: PacsClient, request: RetrieveRequest): Promise<RetrieveStatus>;
  status(jobId: string): RetrieveStatus;
  /** Stops the retrieve and deletes every instance it had received: nothing half-loaded is kept. */
  cancel(jobId: string): Promise<RetrieveStatus>;
}

const MAX_JOBS = 32;
const WRITES_IN_FLIGHT = 8;

/**
 * Retrieves land in `root/<job>/` as Part 10 files, each registered with the host's file registry as
 * it arrives, so the renderer loads them exactly as it loads opened files. The folder is emptied at
 * start-up: retrieved copies live for one session (the PACS keeps the originals).
 */
export function createRetrieveJobs(root: string, registry: FileRegistry): RetrieveJobs {
  const jobs = new Map<string, Job>();
  const cleared = fs.rm(root, { recursive: true, force: true }).catch(() => undefined);

  const snapshot = (job: Job): RetrieveStatus => ({
    jobId: job.jobId,
    state: job.state,
    series: job.series.map((s) => ({ ...s })),
    files: [...job.files],
    ...(job.error ? { error: job.error } : {}),
  });

  /** Writes overlap the download (up to WRITES_IN_FLIGHT at once), so the disk does not hold the socket back. */
  async function run(job: Job, client: PacsClient, studyInstanceUid: string): Promise<void> {
    let n = 0;
    const writing = new Set<Promise<void>>();
    let writeError: unknown;
    try {
      for (const series of job.series) {
        await client.retrieve({ studyInstanceUid, seriesInstanceUid: series.seriesInstanceUid }, async (bytes) => {
          if (job.abort.signal.aborted) throw new CancelledError();
          if (writeError) throw writeError;
          const file = path.join(job.dir, `${String(++n).padStart(5, '0')}.dcm`);
          const write = (async () => {
            await fs.writeFile(file, bytes);
            const opened = await registry.openPaths([file]);
            if (job.state === 'cancelled') return;
            job.files.push(...opened.files);
            series.received++;
          })().catch((e: unknown) => {
            writeError ??= e;
          });
          writing.add(write);
          void write.finally(() => writing.delete(write));
          if (writing.size >= WRITES_IN_FLIGHT) await Promise.race(writing);
        }, job.abort.signal);
      }
    } finally {
      // A cancel deletes the folder once run() has settled: no write may still be landing in it.
      await Promise.all(writing);
    }
    if (writeError) throw writeError;
  }

  function get(jobId: string): Job {
    const job = jobs.get(jobId);
    if (!job) throw new Error('That retrieve is not known (it may belong to an earlier session)');
    return job;
  }

  return {
    async start(client, request) {
      await cleared;
      const listed = await client.seriesOf(request.studyInstanceUid);
      const wanted = request.seriesInstanceUid ? listed.filter((s) => s.seriesInstanceUid === request.seriesInstanceUid) : listed;
      if (wanted.length === 0) throw new PacsError('The server lists no such series in that study', 'rejected');
      const jobId = randomBytes(9).toString('base64url');
      const dir = path.join(root, jobId);
      await fs.mkdir(dir, { recursive: true, mode: 0o700 });
      const job: Job = {
        jobId,
        dir,
        abort: new AbortController(),
        series: wanted.map((s) => ({ seriesInstanceUid: s.seriesInstanceUid, description: s.description, modality: s.modality, expected: s.instanceCount, received: 0 })),
        files: [],
        state: 'running',
        finished: Promise.resolve(),
      };
      job.finished = run(job, client, request.studyInstanceUid).then(
        () => {
          if (job.state === 'running') job.state = 'done';
        },
        (error: unknown) => {
          if (job.state !== 'running') return;
          job.state = error instanceof CancelledError ? 'cancelled' : 'failed';
          const got = job.files.length;
          job.error = `${error instanceof Error ? error.message : String(error)} (${got} instance${got === 1 ? '' : 's'} received before that)`;
        },
      );
      jobs.set(jobId, job);
      // Old finished jobs are forgotten (their files stay until the session ends).
      for (const [id, old] of jobs) if (jobs.size > MAX_JOBS && old.state !== 'running') jobs.delete(id);
      return snapshot(job);
    },
    status: (jobId) => snapshot(get(jobId)),
    async cancel(jobId) {
      const job = get(jobId);
      if (job.state === 'running') {
        job.state = 'cancelled';
        job.abort.abort();
      }
      await job.finished;
      if (job.state === 'cancelled') {
        job.files = [];
        await fs.rm(job.dir, { recursive: true, force: true });
      }
      return snapshot(job);
    },
  };
}
