/** Size of each step's picture in the handout: sharp on paper, small enough to embed eleven of. */
export const PICTURE_SIZE = { width: 1200, height: 675 } as const;

/** What taking the pictures needs from the view. */
export interface PictureSource {
  canvas: HTMLCanvasElement;
  /** Sets the drawing size in pixels, or puts the view's own size back when called without one. */
  resize(size?: { width: number; height: number }): void;
  /** Draws the scene at t on the canvas now. */
  renderAt(t: number): void;
}

/**
 * The canvas's current picture as PNG bytes; the renderer keeps its drawing buffer, so this reads
 * the last frame. The browser takes the picture when called and encodes it off the main thread.
 */
export async function canvasPng(canvas: HTMLCanvasElement): Promise<Uint8Array> {
  const blob = await new Promise<Blob | null>((resolve) => canvas.toBlob(resolve, 'image/png'));
  if (!blob) throw new Error('The canvas gave no picture');
  return new Uint8Array(await blob.arrayBuffer());
}

/** Waits until the browser has painted a frame, e.g. a "Making…" label set just before. */
function afterNextPaint(): Promise<void> {
  return new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
}

/**
 * One PNG per time, drawn at the handout's size, then the view's own size is put back. It first
 * lets the page paint, and waits for each picture's encoding, so that the view shows its progress
 * and stays responsive meanwhile.
 */
export async function pictureMoments(source: PictureSource, times: number[]): Promise<Uint8Array[]> {
  await afterNextPaint();
  source.resize(PICTURE_SIZE);
  try {
    const pictures: Uint8Array[] = [];
    for (const t of times) {
      source.renderAt(t);
      pictures.push(await canvasPng(source.canvas));
    }
    return pictures;
  } finally {
    source.resize();
  }
}
