/**
 * Inspects DICOM files through exactly the code the app uses (shared/dicom parse + decode, codecs from
 * node_modules). Usage: npm run inspect -- [--json] [--dump DIR] <files or folders…>
 * --json prints one JSON line per file; --dump writes each decoded frame as DIR/<file name>.<frame>.raw
 * (little-endian stored values, colour interleaved: the format of the corpus reference decodes).
 */
import { mkdirSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createCodecProvider } from '../shared/dicom/codec-provider';
import { loadInstance } from '../shared/dicom/load-instance';
import { frameRange } from '../shared/dicom/pixel-types';

interface Options {
  json: boolean;
  dumpDir?: string;
  paths: string[];
}

function parseArguments(args: string[]): Options {
  const options: Options = { json: false, paths: [] };
  for (let i = 0; i < args.length; i++) {
    if (args[i] === '--json') options.json = true;
    else if (args[i] === '--dump') options.dumpDir = args[++i];
    else options.paths.push(args[i]);
  }
  if (options.paths.length === 0 || (args.includes('--dump') && !options.dumpDir)) {
    console.error('usage: npm run inspect -- [--json] [--dump DIR] <files or folders…>');
    process.exit(2);
  }
  return options;
}

/** Files under the given paths, folders walked recursively, in a stable order; a missing path is kept, to be reported. */
function listFiles(paths: string[]): string[] {
  return paths.flatMap((path) => {
    if (!statSync(path, { throwIfNoEntry: false })?.isDirectory()) return [path];
    return listFiles(readdirSync(path).sort().map((name) => join(path, name)));
  });
}

function readFile(path: string): Buffer | { error: string } {
  try {
    return readFileSync(path);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { error: code === 'ENOENT' ? 'the file does not exist' : code === 'EACCES' ? 'permission to read the file was refused' : `the file cannot be read (${code ?? String(e)})` };
  }
}

async function inspect(path: string, codecs: ReturnType<typeof createCodecProvider>, dumpDir?: string): Promise<Record<string, unknown>> {
  const file = readFile(path);
  if ('error' in file) return { path, ok: false, kind: 'unreadable', error: file.error };
  const result = await loadInstance(new Uint8Array(file.buffer, file.byteOffset, file.byteLength), basename(path), codecs, { adoptBuffer: true });
  if (!result.ok) return { path, ok: false, kind: result.error.kind, error: result.error.reason, sopInstanceUid: result.header?.sopInstanceUid, modality: result.header?.modality };
  const { header, frames } = result;
  const dumped = dumpDir
    ? frames.map((frame, index) => {
        const target = join(dumpDir, `${basename(path)}.${index + 1}.raw`);
        writeFileSync(target, new Uint8Array(frame.pixels.buffer, frame.pixels.byteOffset, frame.pixels.byteLength));
        return target;
      })
    : undefined;
  return {
    path,
    ok: true,
    sopInstanceUid: header.sopInstanceUid,
    modality: header.modality,
    transferSyntaxUid: header.transferSyntaxUid,
    rows: header.rows,
    columns: header.columns,
    frames: header.numberOfFrames,
    bitsAllocated: header.bitsAllocated,
    bitsStored: header.bitsStored,
    pixelRepresentation: header.pixelRepresentation,
    photometricInterpretation: header.photometricInterpretation,
    pixelSpacing: { rowMm: header.spacing.rowMm, columnMm: header.spacing.columnMm, source: header.spacing.source, note: header.spacing.note },
    min: Math.min(...frames.map((f) => frameRange(f).minValue)),
    max: Math.max(...frames.map((f) => frameRange(f).maxValue)),
    warnings: result.warnings.length > 0 ? result.warnings : undefined,
    dumped,
  };
}

function tableRow(line: Record<string, unknown>): string {
  const name = String(line.path).padEnd(44).slice(0, 44);
  if (!line.ok) return `${name}  ${String(line.kind).padEnd(20)} ${line.error}`;
  const spacing = line.pixelSpacing as { rowMm: number; columnMm: number; source: string };
  const size = `${line.columns}×${line.rows}×${line.frames}`.padEnd(14);
  const bits = `${line.bitsStored}/${line.bitsAllocated}${line.pixelRepresentation ? 's' : 'u'}`.padEnd(7);
  const spacingText = spacing.source === 'none' ? 'px' : `${spacing.rowMm.toFixed(3)}×${spacing.columnMm.toFixed(3)} ${spacing.source}`;
  return `${name}  ${String(line.modality).padEnd(4)} ${size} ${bits} ${String(line.photometricInterpretation).padEnd(14)} [${line.min}, ${line.max}]  ${spacingText}`;
}

async function main(): Promise<void> {
  const options = parseArguments(process.argv.slice(2));
  if (options.dumpDir) mkdirSync(options.dumpDir, { recursive: true });
  const codecs = createCodecProvider();
  let failures = 0;
  for (const path of listFiles(options.paths)) {
    const line = await inspect(path, codecs, options.dumpDir);
    if (!line.ok) failures++;
    console.log(options.json ? JSON.stringify(line) : tableRow(line));
  }
  if (!options.json) console.log(`${failures} of the files could not be shown as images.`);
}

await main();
