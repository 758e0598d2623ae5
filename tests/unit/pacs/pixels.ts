/** Test helpers: the Pixel Data bytes of a DICOM file, and a loopback server that accepts and never answers. */
import dicomParser from 'dicom-parser';
import { promises as fs } from 'node:fs';
import net from 'node:net';

export interface InstancePixels {
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly pixels: Uint8Array;
}

export function pixelsOf(bytes: Uint8Array): InstancePixels {
  const ds = dicomParser.parseDicom(bytes);
  const el = ds.elements.x7fe00010;
  if (!el) throw new Error('no Pixel Data');
  return { sopInstanceUid: ds.string('x00080018') ?? '', seriesInstanceUid: ds.string('x0020000e') ?? '', pixels: bytes.slice(el.dataOffset, el.dataOffset + el.length) };
}

/** SOP Instance UID → Pixel Data bytes of the given files. */
export async function pixelsByUid(files: readonly string[]): Promise<Map<string, Uint8Array>> {
  const out = new Map<string, Uint8Array>();
  for (const f of files) {
    const p = pixelsOf(new Uint8Array(await fs.readFile(f)));
    out.set(p.sopInstanceUid, p.pixels);
  }
  return out;
}

/** A TCP server on 127.0.0.1 that accepts connections and never says a word: a PACS that hangs. */
export async function startSilentServer(): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    s.on('error', () => undefined);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    port: (server.address() as net.AddressInfo).port,
    close: () =>
      new Promise<void>((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}
