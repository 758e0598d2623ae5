import type { ReactNode } from 'react';
import type { AnnotationOf, AnnotationValue } from '../../../shared/measure/definitions/definition';
import type { SpineResults, Vec2 } from '../../../shared/measure/types';
import type { Annotation, AnnotationType } from '../../../shared/model/types';

/** What a drawing needs from the layer: the plane's measurements, screen coordinates and the shared SVG parts. */
export interface DrawingView {
  toScreen(p: Vec2): Vec2;
  readonly results: SpineResults | undefined;
  readonly freehand: Readonly<Record<string, AnnotationValue>>;
  /** The annotations of the plane shown (a Cobb line looks its vertebra up here). */
  readonly onPlane: readonly Annotation[];
  readonly selected: boolean;
  /** Short calibration badge for lengths, e.g. "mm". */
  readonly badge: string;
  /** Screen-space unit vector towards the patient's back, where vertebra labels go. */
  readonly posterior: Vec2;
  /** Selects the annotation when the layer is navigating. */
  onSelect(e: React.PointerEvent): void;
  /** The annotation's draggable handles in its colour. */
  handles(colour: string): ReactNode;
}

/** Draws one annotation as SVG; null when it cannot be drawn on this plane (a Cobb line whose vertebra is elsewhere). */
export type Drawing<T extends AnnotationType> = (a: AnnotationOf<T>, view: DrawingView) => ReactNode;
