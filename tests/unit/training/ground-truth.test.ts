import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseInstance } from '../../../shared/dicom/parse';
import { angleLabel } from '../../../shared/measure/angles';
import { anatomicalDirections } from '../../../shared/measure/anatomical-directions';
import { assessSpine } from '../../../shared/measure/spine';
import type { PlacedVertebra, SixPoints } from '../../../shared/measure/types';
import { readCaseDetails, type StudyTruth } from '../../../shared/training/case-truth';

// The sample cases are the yardstick for our own accuracy: measuring their exact points through the
// measurement engine must give back their stated heights, angles and grades.
// `npm test` generates them before the unit tests run (scripts/ensure-samples.mjs), so a missing index fails here.
const casesDir = path.resolve('samples/cases');
const index = (JSON.parse(readFileSync(path.join(casesDir, 'index.json'), 'utf8')) as { cases: { id: string; caseFile: string }[] }).cases;

function checkStudy(truth: StudyTruth, results: ReturnType<typeof assessSpine>, levels: readonly string[]) {
  for (const v of truth.vertebrae.filter((x) => levels.includes(x.level))) {
    const m = results.vertebrae.find((x) => x.level === v.level)!;
    expect(m.heights.ha.value, `${v.level} Ha`).toBeCloseTo(v.haMm, 1);
    expect(Math.abs(m.heights.ha.value - v.haMm)).toBeLessThan(0.1);
    expect(Math.abs(m.heights.hm.value - v.hmMm)).toBeLessThan(0.1);
    expect(Math.abs(m.heights.hp.value - v.hpMm)).toBeLessThan(0.1);
    // A level at the edge of the image lacks a neighbour, so it is graded on its own wall only.
    const hasBothNeighbours = results.vertebrae.some((x) => x.level === levels[levels.indexOf(v.level) - 1]) && levels.indexOf(v.level) < levels.length - 1;
    if (hasBothNeighbours) expect(m.suggestedGrade, `${v.level} grade`).toBe(v.genantGrade);
  }
  for (const a of truth.angles) {
    // By the engine's label for its endplates: cases generated before the labels were worded say "T12 sup".
    const measured = results.angles.find((x) => x.label === angleLabel(a.first, a.second));
    expect(measured, `angle ${a.label}`).toBeDefined();
    expect(Math.abs(measured!.signedDeg - a.degrees)).toBeLessThan(0.1);
  }
}

describe('sample cases measured through the engine', () => {
  it('exist: at least six cases', () => expect(index.length).toBeGreaterThanOrEqual(6));

  for (const entry of index) {
    const details = readCaseDetails(JSON.parse(readFileSync(path.join(casesDir, entry.caseFile), 'utf8')));
    for (const study of details.studies) {
      for (const image of study.images) {
        it(`${entry.id} · ${study.label} · ${image.kind === 'pixels' ? image.sopInstanceUid.slice(-6) : 'CT mid-sagittal'}`, () => {
          let vertebrae: PlacedVertebra[];
          let results;
          if (image.kind === 'pixels') {
            const file = readdirFind(path.join(casesDir, entry.id), image.sopInstanceUid);
            const header = parseInstance(new Uint8Array(readFileSync(file)), path.basename(file)).header;
            vertebrae = image.vertebrae.map((v) => ({ level: v.level, points: v.points }));
            results = assessSpine({ vertebrae, spacing: header.spacing, orientation: anatomicalDirections(header), angleRequests: requests(study) });
          } else {
            // Patient LPS on the plane x = const: image x = posterior (y), image y = foot-ward (−z), 1 mm pixels.
            vertebrae = image.vertebrae.map((v) => ({
              level: v.level,
              points: Object.fromEntries(Object.entries(v.points).map(([k, p]) => [k, { x: p[1], y: -p[2] }])) as unknown as SixPoints,
            }));
            results = assessSpine({
              vertebrae,
              spacing: { rowMm: 1, columnMm: 1, source: 'calibrated', note: 'test' },
              orientation: { anterior: { x: -1, y: 0 }, superior: { x: 0, y: -1 } },
              angleRequests: requests(study),
            });
          }
          checkStudy(study, results, vertebrae.map((v) => v.level));
        });
      }
    }
  }
});

function requests(study: StudyTruth) {
  return study.angles.map((a) => ({ kind: 'local-kyphosis' as const, first: a.first, second: a.second }));
}

/** The DICOM file of a case holding the given SOP Instance UID (case.json names images by UID). */
function readdirFind(dir: string, sopInstanceUid: string): string {
  const uid = Buffer.from(sopInstanceUid);
  for (const series of readdirSync(dir, { withFileTypes: true }).filter((d) => d.isDirectory())) {
    for (const name of readdirSync(path.join(dir, series.name)).filter((n) => n.endsWith('.dcm'))) {
      const file = path.join(dir, series.name, name);
      if (readFileSync(file).includes(uid)) return file;
    }
  }
  throw new Error(`No file with SOP Instance UID ${sopInstanceUid} in ${dir}`);
}
