import { wrapText } from './handout-layout';

/** What the recorder needs from the view: a canvas it draws on, and a way to draw the scene at time t. */
export interface AnimationSource {
  canvas: HTMLCanvasElement;
  duration: number;
  /** Seconds of animation per second of video. */
  speed: number;
  /** Draws the scene at t on the canvas now, and says what the caption at t is. */
  renderAt(t: number): { title: string; caption: string };
}

const MAX_VIDEO_WIDTH = 1280;
const FRAMES_PER_SECOND = 30;

/**
 * Records the whole animation as a WebM video. Each frame is the 3D canvas with the step's caption
 * drawn over it, since the on-screen caption is HTML and a canvas stream would leave it out; the
 * video is for watching at home, where the caption matters most.
 */
export async function recordAnimationWebm(source: AnimationSource): Promise<Uint8Array> {
  const scale = Math.min(1, MAX_VIDEO_WIDTH / source.canvas.width);
  const frame = document.createElement('canvas');
  // Even sizes: video encoders work in 2×2 blocks.
  frame.width = 2 * Math.round((source.canvas.width * scale) / 2);
  frame.height = 2 * Math.round((source.canvas.height * scale) / 2);
  const context = frame.getContext('2d');
  if (!context) throw new Error('No 2D canvas for the video');
  const recorder = new MediaRecorder(frame.captureStream(FRAMES_PER_SECOND), { mimeType: 'video/webm' });
  const chunks: Blob[] = [];
  recorder.ondataavailable = (e) => e.data.size > 0 && chunks.push(e.data);
  const stopped = new Promise<void>((resolve) => (recorder.onstop = () => resolve()));

  const draw = (t: number) => {
    const words = source.renderAt(t);
    context.drawImage(source.canvas, 0, 0, frame.width, frame.height);
    drawCaption(context, words.title, words.caption, frame.width, frame.height);
  };
  draw(0);
  recorder.start(1000);
  await new Promise<void>((resolve) => {
    const started = performance.now();
    const tick = (now: number) => {
      const t = Math.min(source.duration, ((now - started) / 1000) * source.speed);
      draw(t);
      if (t < source.duration) requestAnimationFrame(tick);
      else resolve();
    };
    requestAnimationFrame(tick);
  });
  recorder.stop();
  await stopped;
  return new Uint8Array(await new Blob(chunks, { type: 'video/webm' }).arrayBuffer());
}

/** The caption as on screen: a dark band at the foot with the step title above the plain-language text. */
function drawCaption(context: CanvasRenderingContext2D, title: string, caption: string, width: number, height: number): void {
  const size = Math.round(height / 26);
  const pad = size;
  context.font = `${size}px system-ui, sans-serif`;
  const lines = wrapText(caption, width - 4 * pad, 'caption', (text) => context.measureText(text).width);
  const band = pad * 1.6 + size * 1.3 * (lines.length + 1);
  context.fillStyle = 'rgba(10, 16, 24, 0.82)';
  context.fillRect(pad, height - band - pad, width - 2 * pad, band);
  let y = height - band - pad + pad * 0.8 + size;
  context.fillStyle = '#9fc2ff';
  context.font = `${Math.round(size * 0.75)}px system-ui, sans-serif`;
  context.fillText(title.toUpperCase(), 2 * pad, y);
  context.fillStyle = '#eef2f6';
  context.font = `${size}px system-ui, sans-serif`;
  for (const line of lines) {
    y += size * 1.3;
    context.fillText(line, 2 * pad, y);
  }
}
