/**
 * Ingestion benchmark: writes a 512 × 512 × N signed 16-bit CT series (uncompressed, then JPEG-LS
 * lossless) to a temporary folder and times, in one run and one thread of Node:
 *   floor  – reading the files' bytes;
 *   ours   – read + parseInstance (validated header) + decodeFrame (frame as a typed array, a view on
 *            the file's buffer when uncompressed) + buildStudyIndex, to the first image and for all.
 *            A 16-of-16-bit frame's min/max is measured when the frame is first used (shown, or put in
 *            a volume), so it is timed separately: "ours + min/max" is the same work as the peers'.
 *   peers  – dcmjs: DicomMessage.readFile (every element parsed into a dictionary, pixel data as an
 *            ArrayBuffer) and a typed array on the pixels, decoded by calling the charls codec directly
 *            for JPEG-LS; with and without the min/max a viewer needs.
 *            @cornerstonejs/dicom-image-loader: dicom-parser, its decodeLittleEndian or decodeJPEGLS
 *            (CharLS, its .wasm pointed at through the loader's wasmBasePath option) and its getMinMax,
 *            as its image loader does.
 * Timings vary 30–50 % run to run here (NOTES.md), so the ratios to the floor are what to compare;
 * the contenders run in turn, several rounds for the uncompressed series, and each keeps its best
 * round. The first image is timed in the first round, cold, as a user meets it.
 * Usage: npm run bench [-- SLICES]   (default 500)
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import dcmjs from 'dcmjs';
import dicomParser from 'dicom-parser';
import { createCodecProvider, type WasmFrameDecoder } from '../shared/dicom/codec-provider';
import { decodeFrame } from '../shared/dicom/decode';
import { frameRange, valueRange } from '../shared/dicom/pixel-types';
import { parseInstance } from '../shared/dicom/parse';
import { buildStudyIndex } from '../shared/dicom/series-index';
import { buildDicomFile, imageElements } from '../tests/fixtures/dicom/build-dicom';

const SLICES = Number(process.argv[2] ?? 500);
const SIZE = 512;

/** A smooth phantom with noise, so that compression ratios resemble a real CT slice. */
function slicePixels(index: number): Int16Array {
  const pixels = new Int16Array(SIZE * SIZE);
  let noise = 12345 + index;
  for (let y = 0; y < SIZE; y++) {
    for (let x = 0; x < SIZE; x++) {
      noise = (noise * 1103515245 + 12345) & 0x7fffffff;
      const r = Math.hypot(x - 256, y - 256);
      const body = r < 200 ? 40 + (r < 60 + (index % 50) ? 600 : 0) : -1000;
      pixels[y * SIZE + x] = body + ((noise >> 16) % 20);
    }
  }
  return pixels;
}

/** The file up to its pixel data, which writeSeries appends itself. */
function header(index: number, transferSyntax: string): Uint8Array {
  const elements = imageElements({
    rows: SIZE,
    columns: SIZE,
    signed: true,
    sopInstanceUid: `1.2.826.0.1.99.${index + 1}`,
    instanceNumber: index + 1,
    position: [0, 0, -index * 0.625],
    orientation: [1, 0, 0, 0, 1, 0],
    pixelData: new Uint8Array(0),
  }).filter((e) => e.tag !== 0x7fe00010);
  return buildDicomFile(elements, { transferSyntax });
}

function pixelElementHeader(length: number): Buffer {
  const b = Buffer.alloc(12);
  b.writeUInt16LE(0x7fe0, 0);
  b.writeUInt16LE(0x0010, 2);
  b.write(length === 0xffffffff ? 'OB' : 'OW', 4, 'latin1');
  b.writeUInt32LE(length, 8);
  return b;
}

const item = (data: Uint8Array) => {
  const b = Buffer.alloc(8);
  b.writeUInt16LE(0xfffe, 0);
  b.writeUInt16LE(0xe000, 2);
  b.writeUInt32LE(data.length, 4);
  return Buffer.concat([b, data]);
};

async function writeSeries(dir: string, compress?: (pixels: Int16Array) => Uint8Array): Promise<string[]> {
  const paths: string[] = [];
  for (let i = 0; i < SLICES; i++) {
    const pixels = slicePixels(i);
    const path = join(dir, `IM${String(i + 1).padStart(4, '0')}.dcm`);
    if (compress) {
      let stream = compress(pixels);
      if (stream.length % 2) stream = Uint8Array.from([...stream, 0]);
      const end = Buffer.from([0xfe, 0xff, 0xdd, 0xe0, 0, 0, 0, 0]);
      writeFileSync(path, Buffer.concat([header(i, '1.2.840.10008.1.2.4.80'), pixelElementHeader(0xffffffff), item(new Uint8Array(0)), item(stream), end]));
    } else {
      const bytes = new Uint8Array(pixels.buffer);
      writeFileSync(path, Buffer.concat([header(i, '1.2.840.10008.1.2.1'), pixelElementHeader(bytes.length), bytes]));
    }
    paths.push(path);
  }
  return paths;
}

/**
 * Time is the process's CPU time (all its threads, garbage collection included), not the wall clock:
 * the cores here are shared with other work, which stretches wall time but not the CPU a run uses.
 */
const now = () => {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1000;
};

/** The file's bytes without a copy (files of this size get a buffer of their own from Node). */
function readBytes(path: string): Uint8Array {
  const file = readFileSync(path);
  return new Uint8Array(file.buffer, file.byteOffset, file.byteLength);
}

/** dcmjs wants an ArrayBuffer holding just the file: the file's own, or a copy of a pooled slice. */
function readArrayBuffer(path: string): ArrayBuffer {
  const bytes = readBytes(path);
  const whole = bytes.byteOffset === 0 && bytes.byteLength === bytes.buffer.byteLength;
  return (whole ? bytes.buffer : bytes.slice().buffer) as ArrayBuffer;
}

function timeFloor(paths: string[]): number {
  const start = now();
  for (const path of paths) readFileSync(path);
  return now() - start;
}

async function timeOurs(paths: string[], withRange: boolean): Promise<{ first: number; all: number }> {
  const codecs = createCodecProvider();
  const start = now();
  let first = 0;
  const entries = [];
  for (const path of paths) {
    const parsed = parseInstance(readBytes(path), path, { adoptBuffer: true });
    const frame = await decodeFrame(parsed, 0, codecs);
    if (withRange) frameRange(frame);
    if (!first) first = now() - start;
    entries.push({ fileId: path, header: parsed.header });
  }
  buildStudyIndex(entries);
  return { first, all: now() - start };
}

type LoaderDecoder = (frameOrBytes: object, pixelDataOrOptions: object) => Promise<{ pixelData: ArrayLike<number> }>;

interface ImageLoaderPeer {
  decoders: { LittleEndian: LoaderDecoder; JPEGLS: LoaderDecoder };
  initializers: { JPEGLS: (config: { wasmBasePath: string }) => Promise<void> };
  getMinMax: (pixels: ArrayLike<number>) => { min: number; max: number };
}

/** @cornerstonejs/dicom-image-loader, its CharLS decoder told where its .wasm is (it expects a bundler otherwise). */
async function imageLoaderPeer(): Promise<ImageLoaderPeer> {
  const loader = (await import('@cornerstonejs/dicom-image-loader')) as unknown as ImageLoaderPeer;
  await loader.initializers.JPEGLS({ wasmBasePath: dirname(createRequire(import.meta.url).resolve('@cornerstonejs/codec-charls/decodewasmjs')) });
  return loader;
}

/** What @cornerstonejs/dicom-image-loader does for a local file: parse, decode (as its worker does), min/max. */
async function timeImageLoader(paths: string[], loader: ImageLoaderPeer, compressed: boolean): Promise<{ first: number; all: number }> {
  const start = now();
  let first = 0;
  for (const path of paths) {
    const bytes = readBytes(path);
    const dataSet = dicomParser.parseDicom(bytes);
    const element = dataSet.elements.x7fe00010;
    const frame = { rows: dataSet.uint16('x00280010'), columns: dataSet.uint16('x00280011'), bitsAllocated: dataSet.uint16('x00280100'), pixelRepresentation: dataSet.uint16('x00280103'), samplesPerPixel: 1 };
    const decoded = compressed
      ? await loader.decoders.JPEGLS(dicomParser.readEncapsulatedPixelDataFromFragments(dataSet, element, 0), { signed: frame.pixelRepresentation === 1, bytesPerPixel: 2, ...frame })
      : await loader.decoders.LittleEndian(frame, new Uint8Array(bytes.buffer, bytes.byteOffset + element.dataOffset, element.length));
    loader.getMinMax(decoded.pixelData);
    if (!first) first = now() - start;
  }
  return { first, all: now() - start };
}

async function timePeer(paths: string[], compressed: boolean, withRange: boolean): Promise<{ first: number; all: number }> {
  const charls = (await createCodecProvider().charls()) as { JpegLSDecoder: new () => WasmFrameDecoder };
  const start = now();
  let first = 0;
  for (const path of paths) {
    const dicom = dcmjs.data.DicomMessage.readFile(readArrayBuffer(path));
    const pixelData = (dicom.dict['7FE00010'] as { Value: ArrayBuffer[] }).Value;
    let pixels: Int16Array;
    if (compressed) {
      const stream = new Uint8Array(pixelData[0]);
      const decoder = new charls.JpegLSDecoder();
      decoder.getEncodedBuffer(stream.length).set(stream);
      decoder.decode();
      pixels = new Int16Array(decoder.getDecodedBuffer().slice().buffer);
      decoder.delete();
    } else {
      pixels = new Int16Array(pixelData[0]);
    }
    if (withRange) valueRange(pixels);
    if (!first) first = now() - start;
  }
  return { first, all: now() - start };
}

async function jpegLsEncoder(): Promise<(pixels: Int16Array) => Uint8Array> {
  const factory = (await import('@cornerstonejs/codec-charls/wasmjs' as string)).default as (o: object) => Promise<Record<string, new () => Record<string, (...a: unknown[]) => unknown>>>;
  const charls = await factory({ print: () => {}, printErr: () => {} });
  return (pixels) => {
    const encoder = new charls.JpegLSEncoder();
    const target = encoder.getDecodedBuffer({ width: SIZE, height: SIZE, bitsPerSample: 16, componentCount: 1, isSigned: true }) as Uint8Array;
    target.set(new Uint8Array(pixels.buffer));
    encoder.encode();
    const encoded = encoder.getEncodedBuffer() as ArrayLike<number>;
    const out = Uint8Array.from(encoded);
    encoder.delete();
    return out;
  };
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

async function run(label: string, paths: string[], compressed: boolean, rounds: number): Promise<void> {
  // Its import brings @cornerstonejs/core along, and its codec starts: both before timing.
  const loader = await imageLoaderPeer();
  timeFloor(paths); // warm the page cache, so every contender reads from memory
  let floor = Infinity;
  const none = { first: 0, all: Infinity };
  let [ours, oursRange, peer, peerRange, imageLoader] = [none, none, none, none, none];
  const best = (kept: { first: number; all: number }, round: { first: number; all: number }) => ({ first: kept.first || round.first, all: Math.min(kept.all, round.all) });
  for (let round = 0; round < rounds; round++) {
    floor = Math.min(floor, timeFloor(paths));
    ours = best(ours, await timeOurs(paths, false));
    oursRange = best(oursRange, await timeOurs(paths, true));
    peer = best(peer, await timePeer(paths, compressed, false));
    peerRange = best(peerRange, await timePeer(paths, compressed, true));
    imageLoader = best(imageLoader, await timeImageLoader(paths, loader, compressed));
  }
  const peerName = `dcmjs${compressed ? ' + charls' : ''}`;
  const row = (name: string, ms: number) => console.log(`  ${name.padEnd(52)} ${seconds(ms)}   (${(ms / floor).toFixed(2)}× floor)`);
  const ratio = (name: string, value: number) => console.log(`  ${name.padEnd(52)} ${value.toFixed(2)}`);
  console.log(`\n${label}: ${paths.length} slices of ${SIZE}×${SIZE} int16, best of ${rounds} round(s)`);
  row('floor: read bytes', floor);
  console.log(`  ${'ours: first image'.padEnd(52)} ${ours.first.toFixed(1)} ms`);
  row('ours: parse + frame array + index (min/max on use)', ours.all);
  row('ours + min/max of every slice', oursRange.all);
  row(`peer (${peerName}): parse to dict + frame array`, peer.all);
  row(`peer (${peerName}) + min/max`, peerRange.all);
  row('peer (dicom-image-loader): parse + decode + min/max', imageLoader.all);
  ratio(`ours + min/max / peer (${peerName}) + min/max`, oursRange.all / peerRange.all);
  ratio('ours + min/max / peer (dicom-image-loader)', oursRange.all / imageLoader.all);
  ratio(`ours (min/max on use) / peer (${peerName}) without`, ours.all / peer.all);
}

async function main(): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'spinelab-bench-'));
  try {
    const raw = join(root, 'raw');
    const jls = join(root, 'jpeg-ls');
    mkdirSync(raw);
    mkdirSync(jls);
    console.log(`Writing ${SLICES} slices (uncompressed and JPEG-LS) to ${root} …`);
    const rawPaths = await writeSeries(raw);
    const jlsPaths = await writeSeries(jls, await jpegLsEncoder());
    console.log('Single thread in Node; the app spreads files over a worker pool.');
    await run('Uncompressed (Explicit VR Little Endian)', rawPaths, false, 5);
    await run('JPEG-LS lossless', jlsPaths, true, 2);
    console.log(`\npeak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`);
  } finally {
    rmSync(root, { recursive: true, force: true });
  }
}

await main();
