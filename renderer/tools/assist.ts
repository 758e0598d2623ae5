/**
 * Assisted placement on the image on screen (issue 14): one click inside a vertebral body on CT proposes
 * its six points; on radiographs and MR the reader's six rough points snap to the cortex. Either way the
 * result is a proposal in the measure store, for the reader to accept (Enter), drag or discard (Esc).
 */
import { proposeSixPoints } from '../../shared/assist/ct-proposal';
import { snapSixPoints, type CortexAppearance } from '../../shared/assist/edge-snap';
import type { PlaneImage } from '../../shared/assist/types';
import { SIX_POINT_NAMES, sixPointsFromList } from '../../shared/measure/six-points';
import { patientPointOf, planePointOf } from '../../shared/model/plane';
import type { Vec3 as ModelVec3 } from '../../shared/model/types';
import { imagePointToPatient, patientToImagePoint } from '../../shared/volume/reslice';
import type { Vec3 } from '../../shared/volume/vec3';
import type { Vec2 } from '../../shared/measure/types';
import { shownPixels, shownPlaneOnAcquiredGrid } from '../viewer/plane-pixels';
import { useMeasureStore } from './measure-store';
import type { PlaneContext } from './plane-context';

/** How assistance works on this image: one click on CT (values in HU), snapping elsewhere. */
export function assistKind(ctx: PlaneContext): 'one-click' | 'snap' {
  return ctx.header.modality === 'CT' ? 'one-click' : 'snap';
}

/** How the cortex looks on this image (edge-snap.ts): a dark line on MR, dark bone on MONOCHROME1. */
export function cortexAppearance(ctx: PlaneContext): CortexAppearance {
  if (ctx.header.modality === 'MR') return 'dark-line';
  return ctx.header.photometricInterpretation === 'MONOCHROME1' ? 'dark-bone' : 'bright-bone';
}

/** A point in one plane's pixels (annotation convention) carried to another's through patient space. */
type PointMap = (p: Vec2) => Vec2;

/**
 * The image the one-click proposal reads: for a reformat, the same plane on the volume's own grid (the
 * proposal models thick slices' sampling; interpolated display rows would put endplates outside the
 * cortex), with the maps between its pixels and the pixels on screen.
 */
function proposalImage(element: HTMLElement, ctx: PlaneContext): { image: PlaneImage; toImage: PointMap; toShown: PointMap } | undefined {
  const grid = ctx.plane.kind === 'reformat' ? shownPlaneOnAcquiredGrid(element) : undefined;
  if (!grid || ctx.plane.kind !== 'reformat') {
    const image = planeImage(element, ctx);
    return image && { image, toImage: (p) => p, toShown: (p) => p };
  }
  const shown = ctx.plane;
  const spacing = { ...ctx.spacing, rowMm: grid.rowSpacingMm, columnMm: grid.columnSpacingMm };
  const image: PlaneImage = { width: grid.width, height: grid.height, pixels: grid.pixels, spacing, orientation: ctx.orientation };
  // Reslice geometry puts pixel centres at whole numbers, annotations at +0.5 (shared/assist/types.ts).
  const toImage: PointMap = (p) => {
    const q = patientToImagePoint(grid, toTuple(patientPointOf(shown, p)));
    return { x: q.x + 0.5, y: q.y + 0.5 };
  };
  const toShown: PointMap = (p) => planePointOf(shown, fromTuple(imagePointToPatient(grid, { x: p.x - 0.5, y: p.y - 0.5 })));
  return { image, toImage, toShown };
}

const toTuple = (v: ModelVec3): Vec3 => [v.x, v.y, v.z];
const fromTuple = ([x, y, z]: Vec3): ModelVec3 => ({ x, y, z });

function planeImage(element: HTMLElement, ctx: PlaneContext): PlaneImage | undefined {
  const shown = shownPixels(element);
  if (!shown) return undefined;
  return { width: shown.width, height: shown.height, pixels: shown.values, spacing: ctx.spacing, orientation: ctx.orientation };
}

const percent = (x: number) => `${Math.round(100 * x)}%`;

/**
 * Takes a vertebra-tool click when assistance applies to it and returns true; false leaves the click to
 * manual placement. On CT every click without a draft is a one-click proposal (a new click replaces a
 * proposal not yet accepted); on other images the sixth rough point turns the draft into a snapped proposal.
 */
export function assistClick(element: HTMLElement, ctx: PlaneContext, point: Vec2): boolean {
  const store = useMeasureStore.getState();
  if (!store.assist || store.tool !== 'vertebra') return false;
  if (assistKind(ctx) === 'one-click') {
    if (store.draft) return false;
    const source = proposalImage(element, ctx);
    if (!source) return false;
    const result = proposeSixPoints(source.image, source.toImage(point));
    if (!result.ok) {
      useMeasureStore.setState({ notice: `No proposal here: ${result.reason} Click inside another part of the body, or press N to place the six points by hand.` });
      return true;
    }
    const points = sixPointsFromList(SIX_POINT_NAMES.map((name) => source.toShown(result.points[name])));
    const detail = [`confidence ${percent(result.confidence)}`, ...result.warnings].join(' · ');
    store.propose({ plane: ctx.plane, points, source: 'one-click', detail });
    return true;
  }
  const image = planeImage(element, ctx);
  if (!image) return false;
  if (store.proposal) {
    useMeasureStore.setState({ notice: 'Press Enter to accept the snapped points (or drag them first), Esc to discard them.' });
    return true;
  }
  const draft = store.draft;
  if (!draft || draft.tool !== 'vertebra' || draft.points.length !== 5) return false;
  const rough = sixPointsFromList([...draft.points, point]);
  const { points, moves } = snapSixPoints(image, rough, cortexAppearance(ctx));
  const moved = Object.values(moves).filter((m) => m.snapped);
  const detail =
    moved.length === 0
      ? 'no cortical edge strong enough within reach: the points are as you placed them'
      : `${moved.length} of 6 points moved to the cortex (up to ${Math.max(...moved.map((m) => m.movedMm)).toFixed(1)} mm)`;
  store.propose({ plane: ctx.plane, points, rough, source: 'snapped', detail });
  return true;
}
