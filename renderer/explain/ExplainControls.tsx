import type { CameraPreset, Timeline } from '../../shared/procedure/types';
import { CAMERA_PRESET_LABELS } from './cameraPresets';
import type { ViewOptions } from './applySceneState';

export const SPEEDS = [0.5, 1, 1.5, 2] as const;

interface Props {
  timeline: Timeline;
  t: number;
  stepIndex: number;
  playing: boolean;
  speed: number;
  view: Omit<ViewOptions, 'afterHeightsMm'>;
  /** Whether the X-ray look shows now, by the step or by the viewer's choice. */
  fluoroscopyShown: boolean;
  onTogglePlay(): void;
  onPrevious(): void;
  onNext(): void;
  onSeek(t: number): void;
  onSpeed(speed: number): void;
  onView(view: Omit<ViewOptions, 'afterHeightsMm'>): void;
  onCameraPreset(preset: CameraPreset): void;
}

/** Drawn rather than a font glyph: the pause symbol is missing from many system fonts. */
function PauseIcon() {
  return (
    <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true">
      <rect x="2" y="1" width="3.5" height="12" fill="currentColor" />
      <rect x="8.5" y="1" width="3.5" height="12" fill="currentColor" />
    </svg>
  );
}

/** Transport and view controls; every icon button carries an aria-label. */
export function ExplainControls(p: Props) {
  const { timeline, view } = p;
  return (
    <div className="explain-controls">
      <div className="explain-transport">
        <button type="button" aria-label="Previous step" data-testid="explain-previous" onClick={p.onPrevious}>«</button>
        <button type="button" aria-label={p.playing ? 'Pause' : 'Play'} data-testid="explain-play" onClick={p.onTogglePlay}>
          {p.playing ? <PauseIcon /> : '▶'}
        </button>
        <button type="button" aria-label="Next step" data-testid="explain-next" onClick={p.onNext}>»</button>
        <div className="explain-scrub">
          <input
            type="range"
            aria-label="Position in the procedure"
            data-testid="explain-scrub"
            min={0}
            max={timeline.duration}
            step={0.05}
            value={p.t}
            onChange={(e) => p.onSeek(Number(e.target.value))}
          />
          <div className="explain-markers">
            {timeline.steps.map((s, i) => (
              <button
                key={s.id}
                type="button"
                className={i === p.stepIndex ? 'current' : ''}
                style={{ left: `${(100 * s.start) / timeline.duration}%` }}
                aria-label={`Step ${i + 1}: ${s.title}`}
                title={s.title}
                data-testid={`explain-step-${i}`}
                onClick={() => p.onSeek(s.start)}
              />
            ))}
          </div>
        </div>
        <label className="explain-speed">
          Speed
          <select aria-label="Playback speed" value={p.speed} onChange={(e) => p.onSpeed(Number(e.target.value))}>
            {SPEEDS.map((s) => (
              <option key={s} value={s}>{s}×</option>
            ))}
          </select>
        </label>
      </div>
      <div className="explain-view-options">
        <label>
          <input type="checkbox" data-testid="explain-see-through" checked={view.seeThrough} onChange={(e) => p.onView({ ...view, seeThrough: e.target.checked })} />
          See-through bone
        </label>
        <label>
          <input type="checkbox" data-testid="explain-fluoroscopy" checked={p.fluoroscopyShown} onChange={(e) => p.onView({ ...view, fluoroscopy: e.target.checked ? 'on' : 'off' })} />
          X-ray view
        </label>
        <label>
          Compare with
          <select aria-label="Compare with" data-testid="explain-compare" value={view.compare} onChange={(e) => p.onView({ ...view, compare: e.target.value as ViewOptions['compare'] })}>
            <option value="none">nothing</option>
            <option value="healthy">a healthy bone</option>
            <option value="after">the result</option>
          </select>
        </label>
        <span className="explain-presets" role="group" aria-label="Camera">
          {(Object.keys(CAMERA_PRESET_LABELS) as CameraPreset[]).map((preset) => (
            <button key={preset} type="button" data-testid={`explain-camera-${preset}`} onClick={() => p.onCameraPreset(preset)}>
              {CAMERA_PRESET_LABELS[preset]}
            </button>
          ))}
        </span>
      </div>
    </div>
  );
}
