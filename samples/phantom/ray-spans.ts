import { TISSUES } from './tissues';

const MAX_INTERVALS = 160;

/**
 * The tissues met along one line parallel to the x axis (patient right → left).
 *
 * Every shape of the phantom is written as "for this (y, z), the x values inside me form an interval"
 * (vertebrae only tilt about x, so this holds in their own frames too). Shapes add overlapping
 * intervals; `resolve` turns them into disjoint spans, the later tissue in TISSUES winning where they
 * overlap. One ray then serves a whole CT row, a column of every sagittal MR slice, or one radiograph
 * pixel's line integral — which is what keeps generation fast.
 */
export class RaySpans {
  private readonly intervalStart = new Float64Array(MAX_INTERVALS);
  private readonly intervalEnd = new Float64Array(MAX_INTERVALS);
  private readonly intervalTissue = new Uint8Array(MAX_INTERVALS);
  private intervalCount = 0;

  private readonly eventPosition = new Float64Array(2 * MAX_INTERVALS);
  private readonly eventCode = new Int8Array(2 * MAX_INTERVALS);
  private readonly activeCount = new Int32Array(TISSUES.length);

  /** Resolved spans, sorted by x, never overlapping. Gaps between them are air. */
  readonly start = new Float64Array(2 * MAX_INTERVALS);
  readonly end = new Float64Array(2 * MAX_INTERVALS);
  readonly tissue = new Uint8Array(2 * MAX_INTERVALS);
  count = 0;

  clear(): void {
    this.intervalCount = 0;
    this.count = 0;
  }

  add(x0: number, x1: number, tissue: number): void {
    if (!(x1 > x0)) return;
    if (this.intervalCount === MAX_INTERVALS) throw new Error('Phantom ray: too many overlapping shapes');
    this.intervalStart[this.intervalCount] = x0;
    this.intervalEnd[this.intervalCount] = x1;
    this.intervalTissue[this.intervalCount] = tissue;
    this.intervalCount++;
  }

  /** A left–right symmetric shape: inner ≤ |x − centre| ≤ outer. */
  addMirrored(inner: number, outer: number, tissue: number, centre = 0): void {
    if (!(outer > inner)) return;
    if (inner <= 0) {
      this.add(centre - outer, centre + outer, tissue);
    } else {
      this.add(centre - outer, centre - inner, tissue);
      this.add(centre + inner, centre + outer, tissue);
    }
  }

  resolve(): void {
    const events = 2 * this.intervalCount;
    for (let i = 0; i < this.intervalCount; i++) {
      this.eventPosition[2 * i] = this.intervalStart[i];
      this.eventCode[2 * i] = this.intervalTissue[i] + 1;
      this.eventPosition[2 * i + 1] = this.intervalEnd[i];
      this.eventCode[2 * i + 1] = -(this.intervalTissue[i] + 1);
    }
    // Insertion sort: a ray meets a few dozen intervals at most.
    for (let i = 1; i < events; i++) {
      const position = this.eventPosition[i];
      const code = this.eventCode[i];
      let j = i - 1;
      while (j >= 0 && this.eventPosition[j] > position) {
        this.eventPosition[j + 1] = this.eventPosition[j];
        this.eventCode[j + 1] = this.eventCode[j];
        j--;
      }
      this.eventPosition[j + 1] = position;
      this.eventCode[j + 1] = code;
    }
    // Sweep: a bit per tissue that is currently open; the highest set bit wins.
    this.activeCount.fill(0);
    let openMask = 0;
    let previous = 0;
    this.count = 0;
    for (let i = 0; i < events; i++) {
      const position = this.eventPosition[i];
      if (openMask !== 0 && position > previous) this.emit(previous, position, 31 - Math.clz32(openMask));
      const code = this.eventCode[i];
      const tissue = Math.abs(code) - 1;
      this.activeCount[tissue] += code > 0 ? 1 : -1;
      if (this.activeCount[tissue] > 0) openMask |= 1 << tissue;
      else openMask &= ~(1 << tissue);
      previous = position;
    }
  }

  /** The tissue index at x, 0 (air) between spans. */
  tissueAtX(x: number): number {
    for (let i = 0; i < this.count; i++) {
      if (x >= this.start[i] && x < this.end[i]) return this.tissue[i];
    }
    return 0;
  }

  private emit(x0: number, x1: number, tissue: number): void {
    const last = this.count - 1;
    if (last >= 0 && this.tissue[last] === tissue && this.end[last] === x0) {
      this.end[last] = x1;
      return;
    }
    this.start[this.count] = x0;
    this.end[this.count] = x1;
    this.tissue[this.count] = tissue;
    this.count++;
  }
}
