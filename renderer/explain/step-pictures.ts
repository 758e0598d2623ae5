/** Size of each step's picture in the handout: sharp on paper, small enough to embed eleven of. */
export const PICTURE_SIZE = { width: 1200, height: 675 } as const;

/** What taking the pictures needs from the view. */
export interface PictureSource {
  canvas: HTMLCanvasElement;
  /** Sets the drawing size, or puts the view's own size back when called without one. */
  resize(size?: { width: number; height: number }): void;
  /** Draws the scene at t on the canvas now. */
  renderAt(t: number): void;
}

/** The canvas's current picture as PNG bytes; the renderer keeps its drawing buffer, so this reads the last frame. */
export function canvasPng(canvas: HTMLCanvasElement): Uint8Array {
  const base64 = canvas.toDataURL('image/png').split(',')[1];
  return Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
}

/** One PNG per time, drawn at the handout's size, then the view's own size is put back. */
export function pictureMoments(source: PictureSource, times: number[]): Uint8Array[] {
  source.resize(PICTURE_SIZE);
  try {
    return times.map((t) => {
      source.renderAt(t);
      return canvasPng(source.canvas);
    });
  } finally {
    source.resize();
  }
}
