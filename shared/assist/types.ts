/**
 * Assisted morphometry (issue 14 part 2): classical image analysis that proposes six-point morphometry
 * (DOMAIN.md §1) for the reader to accept, move or reject. Pure functions, no DOM, no I/O.
 *
 * The three entry points the UI calls:
 * - `proposeSixPoints(image, click)` (ct-proposal.ts): one click inside a vertebral body on a CT plane in
 *   HU → the six points of that body, a confidence and warnings, or a failure with its reason in words.
 * - `snapPoint(image, point, role, cortex)` and `snapSixPoints(...)` (edge-snap.ts): a rough point on a
 *   radiograph or MR image → the nearest strong cortical edge within a few mm along the edge normal that
 *   the point's role implies, with the distance moved, or the point unchanged when no edge is strong enough.
 * - `screenSpine(volume)` (spine-screen.ts): a CT volume → the mid-sagittal plane found from the spinal
 *   canal, every vertebral body on it with its six points (plane pixels and patient mm), heights, ratios,
 *   suggested Genant grade and a proposed-fracture flag, and levels counted from T12 (the lowest
 *   rib-bearing vertebra) when the CT shows the ribs, otherwise marked unanchored.
 *
 * Points are in the annotation convention (as the tools and the sample cases store them, cornerstone's):
 * x = column, y = row, continuous, the top-left corner of the image at (0, 0), so the centre of pixel
 * (column c, row r) is (c + 0.5, r + 0.5). Everything is a proposal: the reader confirms it.
 */
import type { PixelSpacing } from '../calibration';
import type { ImageOrientation, SixPoints, Vec2 } from '../measure/types';

/** One greyscale image with its geometry: CT in HU, or radiograph / MR stored values. */
export interface PlaneImage {
  readonly width: number;
  readonly height: number;
  /** Row by row, width × height values: HU for CT (a reslice's pixels are already HU). */
  readonly pixels: ArrayLike<number>;
  /** Row and column spacing in mm: every distance and search radius is in mm, so non-square pixels are honoured. */
  readonly spacing: PixelSpacing;
  /** Which pixel directions point to the patient's front and head (e.g. from anatomicalDirections). */
  readonly orientation: ImageOrientation;
}

/** Why a proposal could not be made, as a code for the UI and words for the reader. */
export type ProposalFailureCode =
  | 'outside-image'
  | 'no-bone-at-click'
  | 'touches-image-edge'
  | 'not-separated'
  | 'too-small'
  | 'edges-not-found';

export interface ProposalFailure {
  readonly ok: false;
  readonly code: ProposalFailureCode;
  readonly reason: string;
}

export interface SixPointProposal {
  readonly ok: true;
  /** The six points in image pixels (annotation convention). */
  readonly points: SixPoints;
  /**
   * 0–1: how well the body's outline followed smooth endplates and walls (1 = every edge profile found an
   * edge and the fitted sides stay within a fraction of a millimetre of them). Below 0.5, check each point.
   */
  readonly confidence: number;
  /** Plain words about anything that lowered the confidence. */
  readonly warnings: readonly string[];
  /** Tilt of the body's own axis from the image's superior direction, degrees (positive = top towards anterior). */
  readonly tiltDeg: number;
}

export type ProposalResult = SixPointProposal | ProposalFailure;

export type { Vec2 };
