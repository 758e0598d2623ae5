/**
 * DICOM Comprehensive SR, TID 1500 Imaging Measurement Report (PS3.16), built from the annotation model
 * and the measurement results with dcmjs naturalized datasets. Each measurement group holds its own
 * SCOORD references to the one image frame it was drawn on, so a reader restores it there and nowhere
 * else (OHIF issue #4840). A measurement drawn on a reformat has no image to reference: its points go in
 * as SCOORD3D in the series' Frame of Reference, with the plane described in a TEXT item, and the report
 * becomes a Comprehensive 3D SR. Bytes come from DicomDict.write(), which needs no Node Buffer.
 */
import { dicomDate, dicomTime, IMPLEMENTATION_CLASS_UID, newInstanceInStudy, part10Bytes, uuidDerivedUid } from './new-instance';
import { definitionOf } from '../measure/definitions';
import type { SrWriteContext } from '../measure/definitions/definition';
import type { AngleMeasurement, Length, Vec2 } from '../measure/types';
import { patientPointOf } from '../model/plane';
import type { Annotation, AnnotationPlane, ImagePlane } from '../model/types';
import { reformatPlaneText } from './reformat-plane-text';
import {
  CODES,
  PRIVATE_SCHEME,
  SOP_CLASS,
  UNITS,
} from './sr-codes';
import { code, container, num, text, uidRef, type Item } from './sr-items';
import type { ReportInput } from './study-info';

/** An image the annotations were drawn on, as the study index knows it. */
export interface SourceImage {
  readonly sopClassUid: string;
  readonly sopInstanceUid: string;
  readonly seriesInstanceUid: string;
  readonly numberOfFrames?: number;
  /** Frame of Reference UID (0020,0052): where SCOORD3D points of a reformat of this series live. */
  readonly frameOfReferenceUid?: string;
}

export interface SrOptions {
  readonly now: Date;
  readonly sourceImages: readonly SourceImage[];
  /** Defaults to UUID-derived UIDs (PS3.5 B.2) from crypto.getRandomValues. */
  readonly newUid?: () => string;
  readonly seriesNumber?: number;
}

export interface SrResult {
  readonly bytes: Uint8Array;
  readonly sopInstanceUid: string;
  /** Annotations left out, with the reason (e.g. drawn on a reformat of a series without a Frame of Reference). */
  readonly omitted: readonly { readonly annotationId: string; readonly reason: string }[];
}



class SrWriter {
  private readonly imageBySop: Map<string, SourceImage>;
  readonly referenced = new Map<string, ImagePlane>();
  /** Series whose reformats carry measurements: all their images are evidence. */
  readonly reformattedSeries = new Set<string>();
  readonly omitted: { annotationId: string; reason: string }[] = [];

  constructor(
    private readonly input: ReportInput,
    sourceImages: readonly SourceImage[],
    private readonly newUid: () => string,
  ) {
    this.imageBySop = new Map(sourceImages.map((i) => [i.sopInstanceUid, i]));
    this.writeContext = {
      scoord: (plane, points) => this.scoord(plane, points),
      tracking: (id) => this.tracking(id),
      annotations: input.doc.annotations,
      vertebraMeasurement: (level) => input.results.vertebrae.find((v) => v.level === level),
      angleOf: (a) => this.angleOf(a),
      lengthOf: (a) => this.lengthOf(a),
    };
  }

  private readonly writeContext: SrWriteContext;

  private referencedSop(plane: ImagePlane): Item {
    const image = this.imageBySop.get(plane.sopInstanceUid);
    const multiFrame = (image?.numberOfFrames ?? 1) > 1 || plane.frameIndex > 0;
    return {
      ReferencedSOPClassUID: image?.sopClassUid,
      ReferencedSOPInstanceUID: plane.sopInstanceUid,
      // Frames are numbered from 1 (PS3.3 C.17.3.2.1); single-frame images carry no frame number.
      ...(multiFrame ? { ReferencedFrameNumber: plane.frameIndex + 1 } : {}),
    };
  }

  private frameOfReferenceOf(seriesInstanceUid: string): string | undefined {
    return [...this.imageBySop.values()].find((i) => i.seriesInstanceUid === seriesInstanceUid && i.frameOfReferenceUid)?.frameOfReferenceUid;
  }

  /**
   * SCOORD GraphicData is column\row with (0,0) at the top left corner of the image (PS3.3 C.18.6.1.2);
   * SCOORD3D GraphicData is x\y\z in mm in the Referenced Frame of Reference (C.18.9.1.2).
   */
  private scoord(plane: AnnotationPlane, points: readonly Vec2[]): Item {
    if (plane.kind === 'reformat') {
      this.reformattedSeries.add(plane.seriesInstanceUid);
      return {
        RelationshipType: 'INFERRED FROM',
        ValueType: 'SCOORD3D',
        GraphicType: 'POLYLINE',
        GraphicData: points.flatMap((p) => {
          const patient = patientPointOf(plane, p);
          return [patient.x, patient.y, patient.z];
        }),
        ReferencedFrameOfReferenceUID: this.frameOfReferenceOf(plane.seriesInstanceUid),
      };
    }
    this.referenced.set(plane.sopInstanceUid, plane);
    return {
      RelationshipType: 'INFERRED FROM',
      ValueType: 'SCOORD',
      GraphicType: 'POLYLINE',
      GraphicData: points.flatMap((p) => [p.x, p.y]),
      ContentSequence: [{ RelationshipType: 'SELECTED FROM', ValueType: 'IMAGE', ReferencedSOPSequence: [this.referencedSop(plane)] }],
    };
  }

  private tracking(id: string): Item[] {
    return [
      text('HAS OBS CONTEXT', CODES.trackingIdentifier, id),
      uidRef('HAS OBS CONTEXT', CODES.trackingUid, this.newUid()),
    ];
  }

  private angleOf(a: Annotation): AngleMeasurement | undefined {
    const measured = this.input.annotationMeasurements?.[a.id];
    if (measured && 'signedDeg' in measured) return measured;
    const label = definitionOf(a).engineAngleLabel?.(a, this.input.doc.annotations);
    return label === undefined ? undefined : this.input.results.angles.find((x) => x.label === label);
  }

  private lengthOf(a: Annotation): Length | undefined {
    const measured = this.input.annotationMeasurements?.[a.id];
    return measured && 'value' in measured ? measured : undefined;
  }

  private annotationGroup(a: Annotation): Item[] | string {
    const group = this.geometryGroup(a);
    if (typeof group === 'string' || a.plane.kind !== 'reformat') return group;
    return [...group, text('CONTAINS', CODES.reformattedPlane, reformatPlaneText(a.plane))];
  }

  private geometryGroup(a: Annotation): Item[] | string {
    const plane = a.plane;
    if (plane.kind === 'reformat') {
      if (!this.frameOfReferenceOf(plane.seriesInstanceUid)) return `it was drawn on a reformat of series ${plane.seriesInstanceUid}, whose images record no Frame of Reference to place it in`;
    } else if (!this.imageBySop.has(plane.sopInstanceUid)) {
      return `its image ${plane.sopInstanceUid} is not among the source images`;
    }
    return definitionOf(a).sr.write(a, plane, this.writeContext);
  }

  /** Engine angles that belong to no annotation (the default local kyphosis): values only, no geometry. */
  private unannotatedAngleGroups(annotated: ReadonlySet<string>): Item[][] {
    return this.input.results.angles
      .filter((angle) => !annotated.has(angle.label))
      .map((angle) => [
        text('HAS OBS CONTEXT', CODES.trackingIdentifier, angle.label),
        uidRef('HAS OBS CONTEXT', CODES.trackingUid, this.newUid()),
        text('CONTAINS', CODES.angleLabel, angle.label),
        num(angle.kind === 'local-kyphosis' ? CODES.localKyphosis : angle.kind === 'cobb' ? CODES.cobbAngle : CODES.angle, angle.signedDeg, UNITS.deg),
      ]);
  }

  measurementGroups(): Item[] {
    const groups: Item[][] = [];
    const annotatedAngles = new Set<string>();
    for (const a of this.input.doc.annotations) {
      const group = this.annotationGroup(a);
      if (typeof group === 'string') {
        this.omitted.push({ annotationId: a.id, reason: group });
        continue;
      }
      groups.push(group);
      const label = this.angleOf(a)?.label;
      if (label) annotatedAngles.add(label);
    }
    groups.push(...this.unannotatedAngleGroups(annotatedAngles));
    return groups.map((children) => container('CONTAINS', CODES.measurementGroup, children));
  }

  imageLibrary(): Item {
    const images = [...this.referenced.values()].map((plane) => ({
      RelationshipType: 'CONTAINS',
      ValueType: 'IMAGE',
      ReferencedSOPSequence: [this.referencedSop(plane)],
    }));
    return container('CONTAINS', CODES.imageLibrary, [container('CONTAINS', CODES.imageLibraryGroup, images)]);
  }

  /**
   * Current Requested Procedure Evidence (PS3.3 C.17.2.3): every referenced instance, and every image of a
   * series whose reformat carries a measurement, grouped by series.
   */
  evidence(): Item[] {
    const bySeries = new Map<string, Item[]>();
    const add = (seriesInstanceUid: string, sopInstanceUid: string) => {
      const sops = bySeries.get(seriesInstanceUid) ?? [];
      if (!sops.some((s) => s.ReferencedSOPInstanceUID === sopInstanceUid)) {
        sops.push({ ReferencedSOPClassUID: this.imageBySop.get(sopInstanceUid)?.sopClassUid, ReferencedSOPInstanceUID: sopInstanceUid });
      }
      bySeries.set(seriesInstanceUid, sops);
    };
    for (const plane of this.referenced.values()) add(plane.seriesInstanceUid, plane.sopInstanceUid);
    for (const image of this.imageBySop.values()) if (this.reformattedSeries.has(image.seriesInstanceUid)) add(image.seriesInstanceUid, image.sopInstanceUid);
    if (bySeries.size === 0) return [];
    return [
      {
        StudyInstanceUID: this.input.study.studyInstanceUid,
        ReferencedSeriesSequence: [...bySeries].map(([SeriesInstanceUID, ReferencedSOPSequence]) => ({ SeriesInstanceUID, ReferencedSOPSequence })),
      },
    ];
  }
}

export function buildSr(input: ReportInput, options: SrOptions): SrResult {
  const newUid = options.newUid ?? uuidDerivedUid;
  const writer = new SrWriter(input, options.sourceImages, newUid);
  const { study, doc } = input;
  const now = options.now;
  const sopInstanceUid = newUid();
  const measurements = writer.measurementGroups();

  const content: Item[] = [
    code('HAS CONCEPT MOD', CODES.language, CODES.english),
    code('HAS OBS CONTEXT', CODES.observerType, CODES.device),
    uidRef('HAS OBS CONTEXT', CODES.deviceObserverUid, IMPLEMENTATION_CLASS_UID),
    text('HAS OBS CONTEXT', CODES.deviceObserverName, 'SpineLab'),
    code('HAS CONCEPT MOD', CODES.procedureReported, CODES.imagingProcedure),
    ...(doc.patientPosition ? [text('HAS ACQ CONTEXT', CODES.patientPosition, doc.patientPosition)] : []),
    writer.imageLibrary(),
    container('CONTAINS', CODES.imagingMeasurements, measurements),
  ];

  const sopClassUid = writer.reformattedSeries.size > 0 ? SOP_CLASS.comprehensive3dSr : SOP_CLASS.comprehensiveSr;
  const dataset: Item = {
    ...newInstanceInStudy(study, sopClassUid, sopInstanceUid, now),
    Modality: 'SR',
    SeriesInstanceUID: newUid(),
    SeriesNumber: options.seriesNumber ?? 9901,
    SeriesDescription: 'SpineLab measurements (education and research, not for diagnosis)',
    ReferencedPerformedProcedureStepSequence: [],
    Manufacturer: 'SpineLab',
    InstanceNumber: 1,
    ContentDate: dicomDate(now),
    ContentTime: dicomTime(now),
    CompletionFlag: 'COMPLETE',
    VerificationFlag: 'UNVERIFIED',
    PerformedProcedureCodeSequence: [],
    CurrentRequestedProcedureEvidenceSequence: writer.evidence(),
    CodingSchemeIdentificationSequence: [
      { CodingSchemeDesignator: PRIVATE_SCHEME, CodingSchemeName: 'SpineLab morphometry codes', CodingSchemeResponsibleOrganization: 'SpineLab' },
    ],
    ValueType: 'CONTAINER',
    ConceptNameCodeSequence: [CODES.imagingMeasurementReport],
    ContinuityOfContent: 'SEPARATE',
    ContentTemplateSequence: [{ MappingResource: 'DCMR', TemplateIdentifier: '1500' }],
    ContentSequence: content,
  };

  return { bytes: part10Bytes(dataset, sopClassUid, sopInstanceUid), sopInstanceUid, omitted: writer.omitted };
}
