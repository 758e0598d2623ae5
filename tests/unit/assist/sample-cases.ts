/**
 * The sample cases as the assist tests use them: DICOM read through the project's own loader, CT stacked
 * with buildVolume and cut with reslice as the app does, and each case's ground truth from its case.json.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { createCodecProvider } from '../../../shared/dicom/codec-provider';
import type { InstanceHeader } from '../../../shared/dicom/header';
import { loadInstance } from '../../../shared/dicom/load-instance';
import type { DecodedFrame } from '../../../shared/dicom/pixel-types';
import { SIX_POINT_NAMES } from '../../../shared/measure/six-points';
import type { SixPoints, Vec2 } from '../../../shared/measure/types';
import { readCaseDetails, type CaseDetails, type StudyTruth } from '../../../shared/training/case-truth';
import { patientToImagePoint, type ImageGeometry } from '../../../shared/volume/reslice';
import { buildVolume, isVolume, type Volume } from '../../../shared/volume/volume';

export const CASES_DIR = path.resolve('samples/cases');

export interface CaseEntry {
  readonly id: string;
  readonly details: CaseDetails;
}

export function sampleCases(): CaseEntry[] {
  const indexFile = path.join(CASES_DIR, 'index.json');
  if (!existsSync(indexFile)) return [];
  const index = JSON.parse(readFileSync(indexFile, 'utf8')) as { cases: { id: string; caseFile: string }[] };
  return index.cases.map((entry) => ({ id: entry.id, details: readCaseDetails(JSON.parse(readFileSync(path.join(CASES_DIR, entry.caseFile), 'utf8'))) }));
}

const codecs = createCodecProvider();

export interface LoadedImage {
  readonly header: InstanceHeader;
  readonly frame: DecodedFrame;
}

async function load(file: string): Promise<LoadedImage> {
  const result = await loadInstance(new Uint8Array(readFileSync(file)), path.basename(file), codecs);
  if (!result.ok) throw new Error(result.error.reason);
  return { header: result.header, frame: result.frames[0] };
}

/** Every image of a case's series with this Series Instance UID. */
export async function loadSeries(caseId: string, seriesInstanceUid: string): Promise<LoadedImage[]> {
  const dir = path.join(CASES_DIR, caseId);
  const images: LoadedImage[] = [];
  for (const series of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    const files = readdirSync(path.join(dir, series.name)).filter((n) => n.endsWith('.dcm'));
    const first = await load(path.join(dir, series.name, files[0]));
    if (first.header.seriesInstanceUid !== seriesInstanceUid) continue;
    images.push(first);
    for (const name of files.slice(1)) images.push(await load(path.join(dir, series.name, name)));
  }
  return images;
}

export async function loadCtVolume(caseId: string, seriesInstanceUid: string): Promise<Volume> {
  const built = buildVolume((await loadSeries(caseId, seriesInstanceUid)).map(({ header, frame }) => ({ header, frame })));
  if (!isVolume(built)) throw new Error(built.error);
  return built;
}

/** Patient LPS points of the CT truth as annotation pixel points on a reformatted plane (pixel centres at +0.5). */
export function ctTruthOnPlane(geometry: ImageGeometry, points: Readonly<Record<keyof SixPoints, readonly [number, number, number]>>): SixPoints {
  return Object.fromEntries(
    SIX_POINT_NAMES.map((name) => {
      const p = patientToImagePoint(geometry, [points[name][0], points[name][1], points[name][2]]);
      return [name, { x: p.x + 0.5, y: p.y + 0.5 } satisfies Vec2];
    }),
  ) as unknown as SixPoints;
}

export type { StudyTruth };
