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

/** The text an annotation wants beside it; the layer decides where it finally goes (shared/report/label-layout.ts). */
export interface AnnotationLabel {
  /** What the label names: a leader line runs from here when the label had to move. */
  readonly target: Vec2;
  /** The first line's baseline, at its start (or its end with anchor 'end'): where the label would like to be. */
  readonly at: Vec2;
  readonly anchor?: 'start' | 'end';
  readonly lines: readonly string[];
  readonly colour: string;
}

/** One annotation ready to draw: its label, and its SVG given that label placed. */
export interface DrawnAnnotation {
  readonly label: AnnotationLabel;
  render(label: ReactNode): ReactNode;
}

/** Draws one annotation as SVG; null when it cannot be drawn on this plane (a Cobb line whose vertebra is elsewhere). */
export type Drawing<T extends AnnotationType> = (a: AnnotationOf<T>, view: DrawingView) => DrawnAnnotation | null;
