import type { CaseDefinition, SeriesPlan, StudyPlan, PhantomStudyTruth } from './catalog/case-definition';
import type { SeriesAttributes, StudyAttributes } from './dicom/image-datasets';
import { ctSeriesFiles, mrSeriesFiles, radiographFile, type DicomFile } from './dicom/series-files';
import { deterministicUid } from './dicom/uid';
import { ctPoints, mrPoints, PIXEL_CONVENTION, radiographPoints } from './ground-truth';
import { renderCt, type CtGeometry } from './modalities/ct';
import { renderMr, type MrGeometry, type MrWeighting } from './modalities/mr';
import { objectPixelMm, renderRadiograph, type RadiographGeometry } from './modalities/radiograph';
import type { Level } from './phantom/levels';
import { segmentAngle, vertebraTruths, type VertebraTruth } from './phantom/morphometry';
import { createPhantom, type Phantom } from './phantom/phantom';
import { bodyCentre, buildSpine } from './phantom/spine-model';
import { createRandom, deriveSeed } from './random';
import { thumbnailPng, type ThumbnailSource } from './thumbnail';

/** 'full' for the shipped cases; 'reduced' makes small images quickly, for tests. */
export type Detail = 'full' | 'reduced';

export interface OutputFile {
  /** Relative to the cases folder, with forward slashes. */
  readonly path: string;
  readonly bytes: Uint8Array;
}

export interface BuiltCase {
  readonly indexEntry: Record<string, unknown>;
  readonly files: readonly OutputFile[];
}

const MR_SERIES: readonly { weighting: MrWeighting; folder: string; description: string }[] = [
  { weighting: 't1', folder: 'mr-sag-t1', description: 'SAG T1 TSE' },
  { weighting: 't2', folder: 'mr-sag-t2', description: 'SAG T2 TSE' },
  { weighting: 'stir', folder: 'mr-sag-stir', description: 'SAG STIR' },
];

const round = (value: number, digits: number): number => Math.round(value * 10 ** digits) / 10 ** digits;
/** Image centres on a 0.1 mm grid, so that ImagePositionPatient values are short exact decimals. */
const grid = (value: number): number => Math.round(value * 10) / 10;

function radiographGeometry(detail: Detail): RadiographGeometry {
  const full = detail === 'full';
  return { columns: full ? 860 : 215, rows: full ? 1350 : 338, imagerPixelMm: full ? 0.2 : 0.8, magnification: 1.15, sourceToDetectorMm: 1150, centreY: 15, centreZ: 0 };
}

function ctGeometry(detail: Detail, centreZ: number): CtGeometry {
  const full = detail === 'full';
  return { columns: full ? 256 : 128, rows: full ? 256 : 128, pixelMm: full ? 0.7 : 1.4, sliceMm: 1.5, slices: full ? 120 : 8, centreY: 22.4, centreZ: grid(centreZ) };
}

function mrGeometry(detail: Detail, centreZ: number): MrGeometry {
  const full = detail === 'full';
  return { columns: full ? 288 : 96, rows: full ? 320 : 108, pixelMm: full ? 0.9 : 2.7, slices: full ? 11 : 3, sliceThicknessMm: 3, sliceSpacingMm: 3.3, centreY: -10, centreZ: grid(centreZ) };
}

function levelCentreZ(phantom: Phantom, level: Level): number {
  const vertebra = phantom.spine.vertebrae.find((v) => v.level === level);
  if (!vertebra) throw new Error(`Level ${level} is not modelled`);
  return bodyCentre(vertebra).z;
}

function vertebraJson(truth: VertebraTruth): Record<string, unknown> {
  return {
    level: truth.level,
    fractured: truth.fractured,
    acute: truth.acute,
    shape: truth.shape,
    genantGrade: truth.genantGrade,
    haMm: round(truth.ha, 3),
    hmMm: round(truth.hm, 3),
    hpMm: round(truth.hp, 3),
    haHp: round(truth.haHp, 3),
    hmHp: round(truth.hmHp, 3),
    hpToNeighbours: round(truth.hpRatioToNeighbours, 3),
    lossPercent: truth.lossPercent,
    maxLossPercent: truth.maxLossPercent,
    wedgeAngleDeg: round(truth.wedgeAngleDeg, 1),
  };
}

export function buildCase(definition: CaseDefinition, seed: number, detail: Detail): BuiltCase {
  const caseSeed = deriveSeed(seed, definition.id);
  const uid = (name: string): string => deterministicUid(caseSeed, `${definition.id}/${name}`);
  const files: OutputFile[] = [];
  const seriesIndex: Record<string, unknown>[] = [];
  const studyTruths: PhantomStudyTruth[] = [];
  const studiesJson: Record<string, unknown>[] = [];
  let thumbnail: ThumbnailSource | null = null;
  let seriesNumber = 0;

  for (const plan of definition.studies) {
    const spine = buildSpine(plan.fractures);
    const phantom = createPhantom(spine);
    const truths = vertebraTruths(spine);
    const angles = plan.angles.map(([upper, lower]) => segmentAngle(spine, upper, lower));
    studyTruths.push({ key: plan.key, label: plan.label, vertebrae: truths, angles });
    const study = studyAttributes(definition, plan, uid(`${plan.key}/study`));
    const frameOfReferenceUid = uid(`${plan.key}/frame-of-reference`);
    const images: Record<string, unknown>[] = [];
    const random = (purpose: string) => createRandom(deriveSeed(caseSeed, `${plan.key}/${purpose}`));

    const addSeries = (folder: string, series: SeriesAttributes, modality: string, dicomFiles: readonly DicomFile[]): string[] => {
      const paths = dicomFiles.map((file) => `${definition.id}/${folder}/${file.name}`);
      dicomFiles.forEach((file, i) => files.push({ path: paths[i], bytes: file.bytes }));
      seriesIndex.push({ studyInstanceUid: study.studyInstanceUid, studyDate: study.studyDate, studyDescription: study.studyDescription, seriesInstanceUid: series.seriesInstanceUid, description: series.seriesDescription, modality, files: paths.map((p) => p.slice(definition.id.length + 1)) });
      return paths;
    };
    const seriesAttributes = (modality: SeriesAttributes['modality'], folder: string, description: string): SeriesAttributes => ({
      modality,
      seriesInstanceUid: uid(`${plan.key}/${folder}/series`),
      seriesNumber: ++seriesNumber,
      seriesDescription: description,
      frameOfReferenceUid,
    });

    for (const seriesPlan of plan.series) {
      buildSeries(seriesPlan);
    }

    function buildSeries(seriesPlan: SeriesPlan): void {
      switch (seriesPlan.kind) {
        case 'radiograph': {
          const geometry = radiographGeometry(detail);
          const image = renderRadiograph(phantom, geometry, random(seriesPlan.folder));
          const series = seriesAttributes('DX', seriesPlan.folder, 'LAT THORACOLUMBAR SPINE');
          const file = radiographFile(caseSeed, study, series, geometry, image, { photometric: seriesPlan.photometric });
          const [path] = addSeries(seriesPlan.folder, series, 'DX', [file]);
          const spacing = objectPixelMm(geometry);
          images.push({
            image: 'lateral radiograph',
            file: path.slice(definition.id.length + 1),
            seriesInstanceUid: series.seriesInstanceUid,
            sopInstanceUid: file.sopInstanceUid,
            photometricInterpretation: seriesPlan.photometric,
            mmPerPixel: round(spacing, 6),
            mmPerPixelExplained: `ImagerPixelSpacing ${geometry.imagerPixelMm} mm / EstimatedRadiographicMagnificationFactor ${geometry.magnification}: distances in the mid-sagittal plane. Multiplying by ImagerPixelSpacing alone gives lengths at the detector, ${geometry.magnification}× too long.`,
            vertebrae: radiographPoints(truths, geometry),
          });
          thumbnail ??= { values: image.pixels, columns: geometry.columns, rows: geometry.rows, columnSpacing: 1, rowSpacing: 1, windowCenter: image.windowCenter, windowWidth: image.windowWidth };
          return;
        }
        case 'ct': {
          const geometry = ctGeometry(detail, levelCentreZ(phantom, seriesPlan.centreLevel));
          const slices = renderCt(phantom, geometry, random(seriesPlan.folder));
          const series = seriesAttributes('CT', seriesPlan.folder, 'AX BONE 1.5 mm');
          addSeries(seriesPlan.folder, series, 'CT', ctSeriesFiles(caseSeed, study, series, geometry, slices));
          images.push({
            image: 'CT mid-sagittal plane',
            seriesInstanceUid: series.seriesInstanceUid,
            sagittalPlaneXmm: 0,
            midSagittalColumn: geometry.columns / 2,
            coordinates: 'patient LPS mm [x, y, z]; x = 0 is the mid-sagittal plane (a column centre of every axial slice)',
            vertebrae: ctPoints(truths, geometry),
          });
          // Mid-sagittal reformat (column columns/2 of every slice) for the thumbnail if nothing else has one.
          if (!thumbnail) {
            const values = new Float32Array(geometry.rows * slices.length);
            slices.forEach((slice, s) => {
              for (let r = 0; r < geometry.rows; r++) values[s * geometry.rows + r] = slice.hu[r * geometry.columns + geometry.columns / 2];
            });
            thumbnail = { values, columns: geometry.rows, rows: slices.length, columnSpacing: geometry.pixelMm, rowSpacing: geometry.sliceMm, windowCenter: 400, windowWidth: 1800 };
          }
          return;
        }
        case 'mr': {
          const geometry = mrGeometry(detail, levelCentreZ(phantom, seriesPlan.centreLevel));
          const rendered = renderMr(phantom, geometry, MR_SERIES.map((s) => s.weighting), (weighting) => random(`mr-${weighting}`));
          const middle = (geometry.slices - 1) / 2;
          for (const { weighting, folder, description } of MR_SERIES) {
            const result = rendered.get(weighting);
            if (!result) throw new Error(`MR ${weighting} was not rendered`);
            const series = seriesAttributes('MR', folder, description);
            const dicomFiles = mrSeriesFiles(caseSeed, study, series, geometry, weighting, result);
            const paths = addSeries(folder, series, 'MR', dicomFiles);
            images.push({
              image: `${description} mid-sagittal slice`,
              file: paths[middle].slice(definition.id.length + 1),
              seriesInstanceUid: series.seriesInstanceUid,
              sopInstanceUid: dicomFiles[middle].sopInstanceUid,
              mmPerPixel: geometry.pixelMm,
              vertebrae: mrPoints(truths, geometry),
            });
            if (weighting === 't2') {
              thumbnail ??= { values: result.slices[middle].pixels, columns: geometry.columns, rows: geometry.rows, columnSpacing: 1, rowSpacing: 1, windowCenter: result.windowCenter, windowWidth: result.windowWidth };
            }
          }
          return;
        }
      }
    }

    studiesJson.push({
      key: plan.key,
      label: plan.label,
      studyInstanceUid: study.studyInstanceUid,
      studyDate: study.studyDate,
      modelledLevels: truths.map((t) => t.level),
      vertebrae: truths.map(vertebraJson),
      angles: angles.map((a) => ({ label: a.label, degrees: round(a.degrees, 1), words: a.words })),
      images,
    });
  }

  const notes = definition.notes(studyTruths);
  const caseJson = {
    id: definition.id,
    title: definition.title,
    difficulty: definition.difficulty,
    level: definition.level,
    patient: { name: definition.patient.name, id: definition.patient.id, sex: definition.patient.sex, age: definition.patient.age },
    ...notes,
    groundTruth: {
      synthetic: 'Generated from an analytic phantom: the values below are exact for these images, not measurements of a real patient.',
      pixelConvention: PIXEL_CONVENTION,
      heights: 'Ha, Hm, Hp: distance between matching superior and inferior points in the mid-sagittal plane (DOMAIN.md §1). Each height equals the distance between its two image points × mmPerPixel.',
      grading:
        'Loss of Ha and Hm against the own posterior height and against the mean of the nearest unfractured vertebra above and below, and loss of Hp against those neighbours; the largest loss gives the Genant grade (ACR/RSNA rule: <20% normal, 20–25% mild, 25–40% moderate, ≥40% severe).',
      angleSign: 'Segmental angles are signed: kyphosis positive, lordosis negative.',
      studies: studiesJson,
    },
  };
  files.push({ path: `${definition.id}/case.json`, bytes: new TextEncoder().encode(`${JSON.stringify(caseJson, null, 2)}\n`) });
  let thumbnailPath: string | undefined;
  if (thumbnail) {
    thumbnailPath = `${definition.id}/thumbnail.png`;
    files.push({ path: thumbnailPath, bytes: thumbnailPng(thumbnail) });
  }
  const modalities = [...new Set(seriesIndex.map((s) => s.modality as string))];
  const indexEntry = {
    id: definition.id,
    title: definition.title,
    modalities,
    level: definition.level,
    difficulty: definition.difficulty,
    summary: definition.summary,
    ...(thumbnailPath ? { thumbnail: thumbnailPath } : {}),
    caseFile: `${definition.id}/case.json`,
    patientId: definition.patient.id,
    series: seriesIndex.map((s) => ({ ...s, files: (s.files as string[]).map((f) => `${definition.id}/${f}`) })),
  };
  return { indexEntry, files };
}

function studyAttributes(definition: CaseDefinition, plan: StudyPlan, studyInstanceUid: string): StudyAttributes {
  return {
    patientName: definition.patient.name,
    patientId: definition.patient.id,
    patientSex: definition.patient.sex,
    patientBirthDate: definition.patient.birthDate,
    patientAge: definition.patient.age,
    studyInstanceUid,
    studyDate: plan.date,
    studyTime: plan.time,
    studyId: plan.key.toUpperCase().slice(0, 16),
    accessionNumber: `${definition.patient.id}-${plan.key}`.slice(0, 16),
    studyDescription: plan.description,
  };
}
