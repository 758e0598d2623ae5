import { WebGLRenderer, type Vector3 } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { ExplainScene } from './buildExplainScene';
import { cameraTarget } from './cameraPresets';
import { afterFrame, initialPlayingResolution } from './playingResolution';

/** The WebGL side of the view: one renderer and one set of orbit controls for the canvas's lifetime. */
export interface ExplainRenderer {
  renderer: WebGLRenderer;
  attach(explain: ExplainScene): OrbitControls;
  /** Makes the orbit controls turn about the point the camera was just aimed at, so a drag does not make it jump. */
  aimAt(target: Vector3): void;
  render(explain: ExplainScene): void;
  resize(width: number, height: number, explain: ExplainScene | null): void;
  /** Draws fewer pixels while the animation plays, as many as keep it smooth (playingResolution.ts); still pictures get the full resolution. */
  setPlaying(playing: boolean): void;
  /**
   * While on, the canvas gets exactly the pixels resize asks for, whatever the screen's density or
   * the playing state: pictures taken for the handout must not depend on the screen.
   */
  setPictureMode(on: boolean): void;
  /**
   * Draws the scene `frames` times as it stands, waiting for each (a one-pixel read), and gives the
   * milliseconds a frame: what the GPU or the software renderer spends, for the benchmark.
   */
  frameMs(explain: ExplainScene, frames: number): number;
  dispose(): void;
}

/** Asks a throwaway context, since a canvas's context attributes are fixed when it is first created. */
function isSoftwareRenderer(): boolean {
  const gl = document.createElement('canvas').getContext('webgl2');
  if (!gl) return true;
  const info = gl.getExtension('WEBGL_debug_renderer_info');
  const name = info ? String(gl.getParameter(info.UNMASKED_RENDERER_WEBGL)) : String(gl.getParameter(gl.RENDERER));
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return /swiftshader|llvmpipe|software/i.test(name);
}

export function createExplainRenderer(canvas: HTMLCanvasElement): ExplainRenderer {
  // preserveDrawingBuffer keeps the last frame readable, for screenshots and tests. Multisampling
  // costs software renderers (SwiftShader) about half their frame rate, so it is left off there.
  const renderer = new WebGLRenderer({ canvas, antialias: !isSoftwareRenderer(), preserveDrawingBuffer: true, powerPreference: 'high-performance' });
  // Fill rate dominates under software rendering: never draw more pixels than the CSS size asks for, or twice at most.
  const pixelRatio = Math.min(window.devicePixelRatio, 2);
  renderer.setPixelRatio(pixelRatio);
  // The broken body's cutaway (applySceneState.ts) clips its material alone.
  renderer.localClippingEnabled = true;
  let controls: OrbitControls | null = null;
  let playing = false;
  let pictureMode = false;
  // Kept across plays: what the machine can draw does not change between them.
  let playingResolution = initialPlayingResolution;
  let lastFrameAt = 0;
  const applyPixelRatio = () => {
    const wanted = pictureMode ? 1 : pixelRatio * (playing ? playingResolution.scale : 1);
    if (renderer.getPixelRatio() !== wanted) renderer.setPixelRatio(wanted);
  };
  return {
    renderer,
    attach(explain) {
      controls?.dispose();
      controls = new OrbitControls(explain.camera, canvas);
      controls.enableDamping = false;
      controls.minDistance = 60;
      controls.maxDistance = 600;
      controls.target.copy(cameraTarget(explain.focus.neighbours, 0));
      return controls;
    },
    aimAt(target) {
      controls?.target.copy(target);
    },
    render(explain) {
      if (playing && !pictureMode) {
        const now = performance.now();
        if (lastFrameAt > 0) playingResolution = afterFrame(playingResolution, now - lastFrameAt);
        lastFrameAt = now;
        applyPixelRatio();
      }
      renderer.render(explain.scene, explain.camera);
    },
    resize(width, height, explain) {
      renderer.setSize(width, height, false);
      if (explain) {
        explain.camera.aspect = width / Math.max(1, height);
        explain.camera.updateProjectionMatrix();
      }
    },
    setPlaying(on) {
      playing = on;
      lastFrameAt = 0;
      applyPixelRatio();
    },
    setPictureMode(on) {
      pictureMode = on;
      applyPixelRatio();
      // The pictures are drawn on this canvas at their own size: keep them off screen while that lasts.
      canvas.style.visibility = on ? 'hidden' : '';
    },
    frameMs(explain, frames) {
      const gl = renderer.getContext();
      const pixel = new Uint8Array(4);
      const draw = () => {
        renderer.render(explain.scene, explain.camera);
        gl.readPixels(0, 0, 1, 1, gl.RGBA, gl.UNSIGNED_BYTE, pixel);
      };
      draw();
      const started = performance.now();
      for (let i = 0; i < frames; i++) draw();
      return (performance.now() - started) / frames;
    },
    dispose() {
      controls?.dispose();
      renderer.dispose();
    },
  };
}
