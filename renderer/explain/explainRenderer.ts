import { WebGLRenderer } from 'three';
import { OrbitControls } from 'three/examples/jsm/controls/OrbitControls.js';
import type { ExplainScene } from './buildExplainScene';
import { cameraTarget } from './cameraPresets';

/** The WebGL side of the view: one renderer and one set of orbit controls for the canvas's lifetime. */
export interface ExplainRenderer {
  renderer: WebGLRenderer;
  attach(explain: ExplainScene): OrbitControls;
  render(explain: ExplainScene): void;
  resize(width: number, height: number, explain: ExplainScene | null): void;
  dispose(): void;
}

export function createExplainRenderer(canvas: HTMLCanvasElement): ExplainRenderer {
  // preserveDrawingBuffer keeps the last frame readable, for screenshots, tests and the handout.
  const renderer = new WebGLRenderer({ canvas, antialias: true, preserveDrawingBuffer: true, powerPreference: 'high-performance' });
  // Fill rate dominates under software rendering: never draw more pixels than the CSS size asks for, or twice at most.
  renderer.setPixelRatio(Math.min(window.devicePixelRatio, 2));
  let controls: OrbitControls | null = null;
  return {
    renderer,
    attach(explain) {
      controls?.dispose();
      controls = new OrbitControls(explain.camera, canvas);
      controls.enableDamping = false;
      controls.minDistance = 60;
      controls.maxDistance = 600;
      controls.target.copy(cameraTarget(0));
      return controls;
    },
    render(explain) {
      renderer.render(explain.scene, explain.camera);
    },
    resize(width, height, explain) {
      renderer.setSize(width, height, false);
      if (explain) {
        explain.camera.aspect = width / Math.max(1, height);
        explain.camera.updateProjectionMatrix();
      }
    },
    dispose() {
      controls?.dispose();
      renderer.dispose();
    },
  };
}
