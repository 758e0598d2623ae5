import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { CameraPreset, PatientSpineShape, Procedure } from '../../shared/procedure/types';
import { buildTimeline } from '../../shared/procedure/buildTimeline';
import { nextStepTime, previousStepTime, sceneStateAt, stepStillTime } from '../../shared/procedure/sceneState';
import { platform } from '../platform';
import { useShortcuts } from '../app/keymap';
import { recordAnimationWebm } from './animation-video';
import { applySceneState, DEFAULT_VIEW, fluoroscopyShown } from './applySceneState';
import { buildExplainScene, disposeExplainScene, showSpine, type ExplainScene } from './buildExplainScene';
import { poseCamera, presetState } from './cameraPresets';
import { createExplainRenderer, type ExplainRenderer } from './explainRenderer';
import { ExplainControls } from './ExplainControls';
import { LANGUAGES, PHRASEBOOKS, phrasebook, type Language } from '../../shared/i18n';
import { handoutContent } from './handout-layout';
import { buildHandoutPdf } from './handout-pdf';
import { OptionsOverview } from './OptionsOverview';
import { pictureMoments } from './step-pictures';
import { usePlaybackClock } from './usePlaybackClock';
import type { OwnModelState } from './useOwnSpineModel';
import './ExplainView.css';

type Screen = Procedure | 'overview';

/** Take-home material being made; the view shows its progress and does not redraw meanwhile. */
type TakeHome = 'handout' | 'video';

const SCREENS: Screen[] = ['overview', 'vertebroplasty', 'kyphoplasty', 'fusion'];

export interface ExplainViewProps {
  shape: PatientSpineShape;
  /** The model from the patient's own CT, while it is built, once built, or why it could not be. */
  own?: OwnModelState;
  presentation?: boolean;
  onExitPresentation?: () => void;
}

/** What tests may reach from the page: draw-call counts, the steps, the clock and seeking. */
interface ExplainDebugHook {
  /** `pixelRatio`: of the drawing buffer to the canvas's CSS size (the playing share while it plays). */
  info(): { calls: number; triangles: number; buildMs: number; own: boolean; pixelRatio: number };
  /** Milliseconds a frame of the scene as it stands, at the present resolution (see ExplainRenderer.frameMs). */
  frameMs(frames: number): number;
  seek(t: number): void;
  /** The time the last render showed. */
  t(): number;
  steps: { id: string; start: number; end: number; title: string }[];
  procedure: Screen;
}

declare global {
  interface Window {
    __explain?: ExplainDebugHook;
  }
}

/**
 * The procedure explainer: the patient's spine in 3D, a timeline per procedure, captions in plain
 * words and controls. Nothing here identifies the patient; the shape carries only a level and sizes.
 */
export function ExplainView({ shape, own, presentation = false, onExitPresentation }: ExplainViewProps) {
  const [screen, setScreen] = useState<Screen>('vertebroplasty');
  const [bipedicular, setBipedicular] = useState<boolean | undefined>(undefined);
  const [view, setView] = useState(DEFAULT_VIEW);
  const [showDetail, setShowDetail] = useState(false);
  const [language, setLanguage] = useState<Language>('en');
  const words = phrasebook(language);
  const procedure: Procedure = screen === 'overview' ? 'vertebroplasty' : screen;
  const timeline = useMemo(() => buildTimeline(procedure, shape, { bipedicular, language }), [procedure, shape, bipedicular, language]);
  const after = useMemo(() => sceneStateAt(timeline, timeline.duration).vertebraHeightsMm, [timeline]);
  const clock = usePlaybackClock(timeline.duration);
  const state = sceneStateAt(timeline, clock.t);

  const rootRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const captionRef = useRef<HTMLDivElement>(null);
  const rendererRef = useRef<ExplainRenderer | null>(null);
  const [explain, setExplain] = useState<ExplainScene | null>(null);
  /** The scene now, for the test hook, which is set up once per timeline. */
  const explainRef = useRef<ExplainScene | null>(null);
  explainRef.current = explain;
  const buildMs = useRef(0);
  const followTimeline = useRef(true);
  const [making, setMaking] = useState<TakeHome | null>(null);
  /** Read by the render effect: while take-home material is made, it owns the canvas. */
  const makingRef = useRef<TakeHome | null>(null);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    const r = createExplainRenderer(canvas);
    rendererRef.current = r;
    return () => {
      r.dispose();
      rendererRef.current = null;
    };
  }, []);

  const ownModel = own?.status === 'ready' ? own.model : undefined;
  /** The latest own model, which a new scene starts from; one arriving for a built scene swaps only its spine. */
  const latestOwn = useRef(ownModel);
  latestOwn.current = ownModel;
  useEffect(() => {
    const started = performance.now();
    const built = buildExplainScene(shape, latestOwn.current);
    buildMs.current = performance.now() - started;
    setExplain(built);
    return () => disposeExplainScene(built);
  }, [shape]);
  useEffect(() => {
    if (!explain || explain.own === ownModel) return;
    showSpine(explain, ownModel);
    // The camera follows the timeline onto the new vertebrae, and the next render shows them.
    followTimeline.current = true;
  }, [explain, ownModel]);

  const renderNow = useCallback(() => {
    if (explain && rendererRef.current) rendererRef.current.render(explain);
  }, [explain]);

  useEffect(() => {
    const r = rendererRef.current;
    const canvas = canvasRef.current;
    if (!explain || !r || !canvas) return;
    const controls = r.attach(explain);
    const stopFollowing = () => (followTimeline.current = false);
    controls.addEventListener('start', stopFollowing);
    controls.addEventListener('change', renderNow);
    const resize = () => {
      // Take-home material sizes the canvas itself and puts the view's size back when done.
      if (makingRef.current) return;
      r.resize(canvas.clientWidth, canvas.clientHeight, explain);
      renderNow();
    };
    const observer = new ResizeObserver(resize);
    observer.observe(canvas);
    resize();
    return () => {
      observer.disconnect();
      controls.removeEventListener('start', stopFollowing);
      controls.removeEventListener('change', renderNow);
    };
  }, [explain, renderNow]);

  useEffect(() => {
    rendererRef.current?.setPlaying(clock.playing);
    renderNow();
  }, [clock.playing, renderNow]);

  /** The share of the canvas, from its bottom, that the caption covers: the camera frames the model above it. */
  const captionCover = () => {
    const canvas = canvasRef.current?.getBoundingClientRect(), caption = captionRef.current?.getBoundingClientRect();
    return canvas && caption && canvas.height > 0 ? Math.min(0.5, Math.max(0, (canvas.bottom - caption.top) / canvas.height)) : 0;
  };

  // A new step hands the camera back to the timeline.
  useEffect(() => {
    followTimeline.current = true;
  }, [state.stepIndex, timeline]);

  useEffect(() => {
    if (!explain || makingRef.current) return;
    applySceneState(explain, state, { ...view, afterHeightsMm: after });
    if (followTimeline.current) rendererRef.current?.aimAt(poseCamera(explain, state, captionCover()));
    renderNow();
  });

  const { seek, togglePlay, setPlaying, timeNow } = clock;
  const next = useCallback(() => seek(nextStepTime(timeline, timeNow())), [seek, timeNow, timeline]);
  const previous = useCallback(() => seek(previousStepTime(timeline, timeNow())), [seek, timeNow, timeline]);
  const choose = (s: Screen) => {
    setScreen(s);
    // An X-ray view switched on or off by hand was for the procedure being shown.
    setView((v) => ({ ...v, fluoroscopy: 'timeline' }));
    setPlaying(false);
    seek(0);
  };

  /** Draws the scene at t straight away, outside React, with the camera the timeline gives it. */
  const renderAt = useCallback(
    (t: number) => {
      const at = sceneStateAt(timeline, t);
      if (!explain || !rendererRef.current) return at;
      applySceneState(explain, at, { ...view, afterHeightsMm: after });
      poseCamera(explain, at);
      rendererRef.current.render(explain);
      return at;
    },
    [explain, timeline, view, after],
  );

  /** Lets `make` draw on the canvas, then gives it back with the viewer's own camera and moment. */
  const takeHome = async (kind: TakeHome, make: () => Promise<void>) => {
    const camera = explain?.camera;
    if (!camera || makingRef.current) return;
    const saved = { position: camera.position.clone(), up: camera.up.clone(), quaternion: camera.quaternion.clone() };
    setPlaying(false);
    makingRef.current = kind;
    setMaking(kind);
    try {
      await make();
    } finally {
      camera.position.copy(saved.position);
      camera.up.copy(saved.up);
      camera.quaternion.copy(saved.quaternion);
      makingRef.current = null;
      // The view may have been resized meanwhile, which the canvas did not follow.
      const canvas = canvasRef.current;
      if (canvas && explain) rendererRef.current?.resize(canvas.clientWidth, canvas.clientHeight, explain);
      setMaking(null);
    }
  };

  const saveHandout = () =>
    takeHome('handout', async () => {
      const canvas = canvasRef.current;
      const r = rendererRef.current;
      if (!canvas || !r || !explain) return;
      const pictures = await pictureMoments(
        {
          canvas,
          resize: (size) => {
            // Pictures are drawn at exactly their size, not multiplied by the screen's density.
            r.setPictureMode(size !== undefined);
            r.resize(size?.width ?? canvas.clientWidth, size?.height ?? canvas.clientHeight, explain);
          },
          renderAt,
        },
        timeline.steps.map(stepStillTime),
      );
      // Each handout is made in the language chosen when it is asked for, and says so in its name.
      const content = handoutContent(timeline);
      await platform.saveExport(`spinelab-${procedure}-handout-${content.language}.pdf`, 'application/pdf', await buildHandoutPdf(content, pictures));
    });

  const saveVideo = () =>
    takeHome('video', async () => {
      const canvas = canvasRef.current;
      if (!canvas) return;
      const video = await recordAnimationWebm({
        canvas,
        duration: timeline.duration,
        speed: clock.speed,
        renderAt: (t) => {
          const at = renderAt(t);
          return { title: `${at.stepIndex + 1}/${timeline.steps.length} · ${at.stepTitle}`, caption: at.caption };
        },
      });
      await platform.saveExport(`spinelab-${procedure}.webm`, 'video/webm', video);
    });
  const cameraPreset = (preset: CameraPreset) => {
    if (!explain) return;
    followTimeline.current = false;
    rendererRef.current?.aimAt(poseCamera(explain, presetState(preset, state.proneBlend), captionCover()));
    renderNow();
  };

  const exitPresentation = useRef(onExitPresentation);
  exitPresentation.current = onExitPresentation;
  const shortcuts = useMemo(
    () => ({
      next,
      previous,
      'page-forward': next,
      'page-back': previous,
      play: togglePlay,
      ...(presentation ? { escape: () => exitPresentation.current?.() } : {}),
    }),
    [next, previous, togglePlay, presentation],
  );
  useShortcuts(shortcuts);

  // Depends on `presentation` alone: re-running on a parent's re-render would leave and re-request full screen.
  useEffect(() => {
    const root = rootRef.current;
    if (!presentation || !root) return;
    if (!document.fullscreenElement) root.requestFullscreen?.().catch(() => undefined);
    const onChange = () => {
      if (!document.fullscreenElement) exitPresentation.current?.();
    };
    document.addEventListener('fullscreenchange', onChange);
    return () => {
      document.removeEventListener('fullscreenchange', onChange);
      if (document.fullscreenElement) document.exitFullscreen().catch(() => undefined);
    };
  }, [presentation]);

  useEffect(() => {
    window.__explain = {
      info: () => {
        const info = rendererRef.current?.renderer.info.render;
        return {
          calls: info?.calls ?? 0,
          triangles: info?.triangles ?? 0,
          buildMs: buildMs.current,
          own: explainRef.current?.own !== undefined,
          pixelRatio: rendererRef.current?.renderer.getPixelRatio() ?? 1,
        };
      },
      frameMs: (frames) => (rendererRef.current && explainRef.current ? rendererRef.current.frameMs(explainRef.current, frames) : 0),
      seek,
      t: timeNow,
      steps: timeline.steps.map(({ id, start, end, title }) => ({ id, start, end, title })),
      procedure: screen,
    };
  }, [seek, timeNow, timeline, screen]);

  const fluoroscopy = fluoroscopyShown(state.fluoroscopy, view.fluoroscopy);
  return (
    <div ref={rootRef} className={`explain-root${presentation ? ' presentation' : ''}`} data-testid="explain-view">
      {!presentation && (
        <nav className="explain-picker" aria-label="Procedure">
          {SCREENS.map((s) => (
            <button key={s} type="button" aria-pressed={screen === s} data-testid={`explain-procedure-${s}`} onClick={() => choose(s)}>
              {s === 'overview' ? words.allOptions : words.procedureName[s]}
            </button>
          ))}
          <LanguagePicker language={language} onChange={setLanguage} />
          {screen !== 'fusion' && screen !== 'overview' && (
            <label className="explain-sides">
              <input type="checkbox" checked={timeline.bipedicular} onChange={(e) => setBipedicular(e.target.checked)} />
              Both sides
            </label>
          )}
          {screen !== 'overview' && (
            <span className="explain-take-home" role="group" aria-label="Take home">
              <button type="button" data-testid="explain-handout" disabled={making !== null} onClick={() => void saveHandout()}>
                {making === 'handout' ? 'Making the handout…' : 'Handout (PDF)'}
              </button>
              <button type="button" data-testid="explain-video" disabled={making !== null} onClick={() => void saveVideo()}>
                {making === 'video' ? 'Recording the video…' : 'Video (WebM)'}
              </button>
            </span>
          )}
        </nav>
      )}
      {presentation && <LanguagePicker language={language} onChange={setLanguage} floating />}
      <div className="explain-stage" hidden={screen === 'overview'} lang={language}>
        <canvas ref={canvasRef} className="explain-canvas" data-testid="explain-canvas" />
        {fluoroscopy && <div className="explain-fluoro-mask" aria-hidden="true" />}
        {fluoroscopy && <span className="explain-badge">{words.screen.liveXray}</span>}
        {presentation && <span className="explain-presentation-note">{words.screen.disclaimer}</span>}
        {own && (
          <span className="explain-own-model" data-testid="explain-own-model" data-status={own.status} role="status">
            {own.status === 'building' ? words.screen.ownModelBuilding(own.percent) : own.status === 'ready' ? words.screen.ownModelShown(own.level) : words.screen.ownModelFallback(own.reason)}
          </span>
        )}
        <div ref={captionRef} className="explain-caption" data-testid="explain-caption" aria-live="polite">
          <span className="explain-step-title">
            {state.stepIndex + 1}/{timeline.steps.length} · {state.stepTitle}
          </span>
          <p>{state.caption}</p>
          {showDetail && <p className="explain-detail" data-testid="explain-detail">{state.clinicianDetail}</p>}
        </div>
      </div>
      {screen === 'overview' && <OptionsOverview words={words} />}
      {screen !== 'overview' && !presentation && (
        <>
          <ExplainControls
            timeline={timeline}
            t={clock.t}
            stepIndex={state.stepIndex}
            playing={clock.playing}
            speed={clock.speed}
            view={view}
            fluoroscopyShown={fluoroscopy}
            onTogglePlay={togglePlay}
            onPrevious={previous}
            onNext={next}
            onSeek={seek}
            onSpeed={clock.setSpeed}
            onView={setView}
            onCameraPreset={cameraPreset}
          />
          <label className="explain-detail-toggle">
            <input type="checkbox" checked={showDetail} onChange={(e) => setShowDetail(e.target.checked)} />
            Clinician detail
          </label>
        </>
      )}
    </div>
  );
}

/** The language of everything the patient sees; offered in presentation mode too, where the patient is. */
function LanguagePicker({ language, onChange, floating = false }: { language: Language; onChange(language: Language): void; floating?: boolean }) {
  return (
    <label className={`explain-language${floating ? ' floating' : ''}`}>
      {PHRASEBOOKS[language].screen.language}
      {/* Focus leaves the list once chosen, so that the presenter's clicker steps on again. */}
      <select
        data-testid="explain-language"
        value={language}
        onChange={(e) => {
          onChange(e.target.value as Language);
          e.target.blur();
        }}
      >
        {LANGUAGES.map((l) => (
          <option key={l} value={l} lang={l}>{PHRASEBOOKS[l].languageName}</option>
        ))}
      </select>
    </label>
  );
}
