import { buildResultsCsv } from '../../shared/report/csv';
import type { KeyImageLabel } from '../../shared/report/key-image-labels';
import { buildPdfReport } from '../../shared/report/pdf';
import { buildSr } from '../../shared/report/sr';
import type { StudyInfo } from '../../shared/report/study-info';
import type { InstanceHeader } from '../../shared/dicom/header';
import type { StudyAnnotations } from '../../shared/model/types';
import { platform } from '../platform';
import { sourceStackOf, useStudyStore } from '../app/study-store';
import type { Stack } from '../viewer/stack';
import { flushAutosaves } from './measure-store';
import type { PlaneContext } from './plane-context';
import { freehandMeasurements, resultsForPlane } from '../../shared/measure/plane-measurements';

function studyInfoOf(h: InstanceHeader): StudyInfo {
  return {
    patientName: h.patientName,
    patientId: h.patientId,
    patientBirthDate: h.patientBirthDate,
    patientSex: h.patientSex,
    studyInstanceUid: h.studyInstanceUid,
    studyDate: h.studyDate ?? '',
    studyTime: h.studyTime,
    studyDescription: h.studyDescription ?? '',
    modality: h.modality,
  };
}

/** A label of the annotation layer, where it shows over the image, in the canvas's pixels. */
function labelOf(text: SVGTextElement, canvas: HTMLCanvasElement): KeyImageLabel {
  const box = canvas.getBoundingClientRect();
  const r = text.getBoundingClientRect();
  const lines = [...text.querySelectorAll('tspan')].map((t) => t.textContent ?? '');
  const anchor = text.getAttribute('text-anchor') === 'end' ? 'end' : 'start';
  return {
    lines: lines.length > 0 ? lines : [text.textContent ?? ''],
    colour: text.getAttribute('fill') ?? '#ffffff',
    at: { x: (((anchor === 'end' ? r.right : r.left) - box.left) * canvas.width) / box.width, y: ((r.top - box.top) * canvas.height) / box.height },
    anchor,
  };
}

/**
 * The viewport as the reader sees it, image and measurement lines, as PNG bytes for the report; the
 * labels are left out of the picture and returned apart, for the report to print them legibly.
 */
async function snapshotViewport(): Promise<{ png: Uint8Array; labels: KeyImageLabel[] } | undefined> {
  const canvas = document.querySelector<HTMLCanvasElement>('[data-testid="viewport"] canvas');
  const svg = document.querySelector<SVGSVGElement>('[data-testid="annotation-layer"]');
  if (!canvas) return undefined;
  const out = document.createElement('canvas');
  out.width = canvas.width;
  out.height = canvas.height;
  const g = out.getContext('2d')!;
  g.drawImage(canvas, 0, 0);
  const labels = svg ? [...svg.querySelectorAll<SVGTextElement>('text.annotation-label')].map((t) => labelOf(t, canvas)) : [];
  if (svg) {
    const clone = svg.cloneNode(true) as SVGSVGElement;
    clone.querySelectorAll('text.annotation-label').forEach((t) => t.remove());
    clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
    clone.setAttribute('width', String(out.width));
    clone.setAttribute('height', String(out.height));
    const url = URL.createObjectURL(new Blob([new XMLSerializer().serializeToString(clone)], { type: 'image/svg+xml' }));
    const img = new Image();
    img.src = url;
    await img.decode().catch(() => undefined);
    g.drawImage(img, 0, 0);
    URL.revokeObjectURL(url);
  }
  const blob = await new Promise<Blob | null>((resolve) => out.toBlob(resolve, 'image/png'));
  return blob ? { png: new Uint8Array(await blob.arrayBuffer()), labels } : undefined;
}

function fileStem(info: StudyInfo, deidentify: boolean): string {
  const who = deidentify ? 'study' : info.patientId.replace(/[^A-Za-z0-9_-]+/g, '_') || 'study';
  return `spinelab-${who}-${info.studyDate || 'undated'}`;
}

/** What the measure panel can export: a file saved through the host, or the SR stored on the PACS. */
export type ExportKind = 'csv' | 'sr' | 'pdf' | 'pacs';

/** CSV, DICOM SR or PDF of the measurements on the image on screen, saved through the host (or the SR sent to the PACS). */
export async function exportMeasurements(kind: ExportKind, stack: Stack, slice: number, ctx: PlaneContext, doc: StudyAnnotations | undefined): Promise<void> {
  await flushAutosaves();
  const { results, error } = resultsForPlane(ctx);
  if (!doc || !results) {
    window.alert(error ?? 'Measure at least one vertebra on this image before exporting.');
    return;
  }
  const header = stack.headers[slice];
  const study = studyInfoOf(header);
  const deidentify = !useStudyStore.getState().showIdentifiers;
  // The results are those of this image: the report joins them to annotations by level, so it must hold the
  // annotations of this image only (an L1 measured on another image would otherwise take this image's values).
  // For a reformat they are re-expressed on the plane on screen, which the SR places in patient space.
  const input = { doc: { ...doc, annotations: ctx.annotations }, results, study, annotationMeasurements: freehandMeasurements(ctx) };
  const now = new Date();
  const stem = fileStem(study, deidentify);
  const reportPdf = async () => {
    const snapshot = await snapshotViewport();
    return buildPdfReport(input, {
      now,
      deidentify,
      keyImages: snapshot ? [{ title: `${stack.description || header.modality} — image ${slice + 1}`, ...snapshot }] : [],
      calibrationNotes: [ctx.spacing.note],
    });
  };
  if (kind === 'csv') {
    await platform.saveExport(`${stem}.csv`, 'text/csv', new TextEncoder().encode(buildResultsCsv(input)));
  } else if (kind === 'sr' || kind === 'pacs') {
    // The acquired images (a reformat's own headers are synthetic), one entry per instance: a multi-frame
    // file appears once however many frames the stack shows.
    const sourceImages = [...new Set(sourceStackOf(useStudyStore.getState(), stack).headers)].map((h) => ({
      sopClassUid: h.sopClassUid,
      sopInstanceUid: h.sopInstanceUid,
      seriesInstanceUid: h.seriesInstanceUid,
      numberOfFrames: h.numberOfFrames,
      frameOfReferenceUid: h.frameOfReferenceUid,
    }));
    const sr = buildSr(input, { now, sourceImages });
    if (kind === 'sr') await platform.saveExport(`${stem}-sr.dcm`, 'application/dicom', sr.bytes);
    else {
      const { storeOnPacs, storeBackObjects } = await import('../pacs/retrieve');
      useStudyStore.getState().setMessage('Storing the SR on the PACS…');
      useStudyStore.getState().setMessage(await storeOnPacs(await storeBackObjects(sr.bytes, study, now, reportPdf)));
    }
  } else {
    await platform.saveExport(`${stem}.pdf`, 'application/pdf', await reportPdf());
  }
}
