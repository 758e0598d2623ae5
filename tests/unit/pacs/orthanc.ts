/**
 * A real Orthanc (with its DICOMweb plugin) for the PACS tests, e2e and bench: started on free
 * loopback ports with a generated configuration and an empty temporary storage folder, loaded
 * with files, and stopped afterwards.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, promises as fs, rmSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';

export const ORTHANC_BIN = '/usr/sbin/Orthanc';
const PLUGIN_DIRS = ['/usr/share/orthanc/plugins', '/usr/lib/orthanc'];
export const DICOMWEB_PLUGIN = PLUGIN_DIRS.map((d) => path.join(d, 'libOrthancDicomWeb.so')).find((p) => existsSync(p));

/** Why the PACS tests cannot run here, or undefined when Orthanc and its DICOMweb plugin are installed. */
export const orthancMissing: string | undefined = !existsSync(ORTHANC_BIN)
  ? `Orthanc is not installed (${ORTHANC_BIN}); .ci/run installs it with apt-get install orthanc orthanc-dicomweb`
  : !DICOMWEB_PLUGIN
    ? 'The Orthanc DICOMweb plugin is not installed (apt-get install orthanc-dicomweb)'
    : undefined;

export const ORTHANC_AET = 'ORTHANC';

export interface OrthancPeer {
  readonly aeTitle: string;
  readonly port: number;
}

export interface Orthanc {
  readonly httpPort: number;
  readonly dicomPort: number;
  readonly dicomWebUrl: string;
  /** Loads DICOM files (paths) through the REST API; returns how many Orthanc accepted. */
  upload(files: readonly string[]): Promise<number>;
  /** GET on the REST API, JSON answer. */
  rest<T>(pathname: string): Promise<T>;
  restBytes(pathname: string): Promise<Uint8Array>;
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts Orthanc. `peers` are the AE titles (with our storage SCP's port) it accepts as callers and
 * as C-MOVE destinations.
 */
export async function startOrthanc(peers: readonly OrthancPeer[]): Promise<Orthanc> {
  if (orthancMissing) throw new Error(orthancMissing);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-orthanc-'));
  const httpPort = await freePort();
  const dicomPort = await freePort();
  const config = {
    Name: 'SpineLab test PACS',
    StorageDirectory: path.join(dir, 'db'),
    IndexDirectory: path.join(dir, 'db'),
    Plugins: [DICOMWEB_PLUGIN],
    HttpPort: httpPort,
    DicomPort: dicomPort,
    DicomAet: ORTHANC_AET,
    DicomCheckCalledAet: true,
    DicomCheckModalityHost: false,
    DicomAlwaysAllowEcho: true,
    DicomAlwaysAllowStore: true,
    RemoteAccessAllowed: false,
    AuthenticationEnabled: false,
    HttpsCACertificates: '',
    StorageCompression: false,
    KeepAlive: true,
    DicomModalities: Object.fromEntries(
      peers.map((p) => [p.aeTitle.toLowerCase(), { AET: p.aeTitle, Host: '127.0.0.1', Port: p.port, AllowEcho: true, AllowFind: true, AllowGet: true, AllowMove: true, AllowStore: true }]),
    ),
    DicomWeb: { Enable: true, Root: '/dicom-web/', EnableWado: false, StudiesMetadata: 'Full', SeriesMetadata: 'Full' },
  };
  const configFile = path.join(dir, 'orthanc.json');
  writeFileSync(configFile, JSON.stringify(config, null, 1));
  const child: ChildProcess = spawn(ORTHANC_BIN, [configFile], { stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  child.stderr?.on('data', (d: Buffer) => {
    log = (log + d.toString()).slice(-4000);
  });
  const base = `http://127.0.0.1:${httpPort}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`Orthanc exited (${child.exitCode}): ${log}`);
    const ok = await fetch(`${base}/system`).then((r) => r.ok, () => false);
    if (ok) break;
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Orthanc did not start within 60 s: ${log}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }

  return {
    httpPort,
    dicomPort,
    dicomWebUrl: `${base}/dicom-web`,
    async upload(files) {
      let accepted = 0;
      for (const file of files) {
        const response = await fetch(`${base}/instances`, { method: 'POST', body: await fs.readFile(file) });
        if (response.ok) accepted++;
      }
      return accepted;
    },
    async rest<T>(pathname: string): Promise<T> {
      const response = await fetch(`${base}${pathname}`);
      if (!response.ok) throw new Error(`Orthanc ${pathname}: HTTP ${response.status}`);
      return (await response.json()) as T;
    },
    async restBytes(pathname: string) {
      const response = await fetch(`${base}${pathname}`);
      if (!response.ok) throw new Error(`Orthanc ${pathname}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    },
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        const killer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(killer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Every DICOM file of the sample cases folders given (e.g. samples/cases/case-03-…). */
export async function dicomFilesUnder(dirs: readonly string[]): Promise<string[]> {
  const out: string[] = [];
  for (const dir of dirs) {
    for (const entry of await fs.readdir(dir, { withFileTypes: true, recursive: true })) {
      if (entry.isFile() && entry.name.endsWith('.dcm')) out.push(path.join(entry.parentPath, entry.name));
    }
  }
  return out.sort();
}
