import cornerstone from 'cornerstone-core';
import type { Viewport as CsViewport } from 'cornerstone-core';
import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';
import { calibrationBadgeShort } from '../../shared/calibration';
import { useShortcuts } from '../app/keymap';
import { orientationLetters, patientOrientationLetters, type EdgeLetters } from '../../shared/dicom/orientation';
import { registerImageLoader } from './cornerstone-image';
import { formatDicomDate, formatPersonName } from './dicom-text';
import { Magnifier } from './Magnifier';
import { canvasPointOf, translationPlacing } from './pan-zoom';
import { registerReformatLoader } from './reformat-stacks';
import { scaleBarLength } from './scale-bar';
import { screenLetters } from './screen-letters';
import type { Stack } from './stack';
import { onLinkedZoom, onViewportCommand, publishZoom, type ViewportCommand } from './viewport-commands';
import { useStudyStore } from '../app/study-store';
import { IMAGE_WINDOW, presetNamed, presetsFor, type WindowPreset } from './window-presets';

export interface ViewportProps {
  readonly stack: Stack;
  readonly sliceIndex: number;
  readonly onSliceChange: (index: number) => void;
  readonly showIdentifiers: boolean;
  /** Slot number in the layout, for commands addressed to this viewport. */
  readonly index?: number;
  readonly active?: boolean;
  readonly linkZoom?: boolean;
  /** A click without dragging, in image pixels: other viewports move to that point. */
  readonly onLocate?: (point: { x: number; y: number }) => void;
  /** Called after every image is drawn. */
  readonly onImageShown?: () => void;
  /** Drawn over the image; called again after every render so it can follow pan and zoom. */
  readonly overlay?: (element: HTMLDivElement | null, renderTick: number) => React.ReactNode;
}

interface RenderedState {
  windowCenter: number;
  windowWidth: number;
  scale: number;
  width: number;
  invert: boolean;
  letters?: EdgeLetters;
  /** On-screen length of the image's width and height (whatever the rotation), px, for tests of proportions. */
  screenWidth: number;
  screenHeight: number;
  /** Image point → element point as an affine map "ax,ay,bx,by,ox,oy" (p·a + p·b + o), for tests. */
  transform: string;
}

type DragMode = 'window' | 'pan' | 'zoom';


function imageLetters(stack: Stack, slice: number): EdgeLetters | undefined {
  const h = stack.headers[slice];
  if (h?.imageOrientationPatient) return orientationLetters(h.imageOrientationPatient);
  if (h?.patientOrientation) return patientOrientationLetters(h.patientOrientation);
  return undefined;
}

export function Viewport({ stack, sliceIndex, onSliceChange, showIdentifiers, index = 0, active = true, linkZoom = false, onLocate, onImageShown, overlay }: ViewportProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const viewportState = useRef<CsViewport | undefined>(undefined);
  const [rendered, setRendered] = useState<RenderedState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [renderTick, setRenderTick] = useState(0);
  const [magnifier, setMagnifier] = useState(false);
  const sliceRef = useRef(sliceIndex);
  sliceRef.current = sliceIndex;
  const lettersRef = useRef<EdgeLetters | undefined>(undefined);
  lettersRef.current = imageLetters(stack, sliceIndex);
  const count = stack.imageIds.length;
  const header = stack.headers[Math.min(sliceIndex, count - 1)];

  useLayoutEffect(() => {
    registerImageLoader();
    registerReformatLoader();
    const element = elementRef.current!;
    cornerstone.enable(element);
    const onRendered = () => {
      const vp = cornerstone.getViewport(element);
      const image = cornerstone.getImage(element);
      if (!vp || !image) return;
      const o = cornerstone.pixelToCanvas(element, { x: 0, y: 0 } as never);
      const ex = cornerstone.pixelToCanvas(element, { x: 1, y: 0 } as never);
      const ey = cornerstone.pixelToCanvas(element, { x: 0, y: 1 } as never);
      const letters = lettersRef.current;
      setRendered({
        windowCenter: vp.voi?.windowCenter ?? 0,
        windowWidth: vp.voi?.windowWidth ?? 0,
        scale: vp.scale ?? 1,
        width: element.clientWidth,
        invert: vp.invert ?? false,
        letters: letters && screenLetters(letters, { x: ex.x - o.x, y: ex.y - o.y }, { x: ey.x - o.x, y: ey.y - o.y }),
        screenWidth: Math.hypot(ex.x - o.x, ex.y - o.y) * image.columns,
        screenHeight: Math.hypot(ey.x - o.x, ey.y - o.y) * image.rows,
        transform: [ex.x - o.x, ex.y - o.y, ey.x - o.x, ey.y - o.y, o.x, o.y].map((v) => v.toFixed(4)).join(','),
      });
      setRenderTick((t) => t + 1);
    };
    element.addEventListener('cornerstoneimagerendered', onRendered);
    const resize = new ResizeObserver(() => {
      try {
        cornerstone.resize(element, false);
      } catch {
        // Nothing displayed yet.
      }
    });
    resize.observe(element);
    return () => {
      resize.disconnect();
      element.removeEventListener('cornerstoneimagerendered', onRendered);
      cornerstone.disable(element);
    };
  }, []);

  // A new stack starts from its own defaults, fitted to the viewport, in its own window.
  useLayoutEffect(() => {
    viewportState.current = undefined;
    useStudyStore.getState().setWindowChoice(index, IMAGE_WINDOW);
  }, [stack.key, index]);

  /**
   * Hands image `index` of the stack to cornerstone at once. Scrolling calls this straight from the
   * input event, ahead of React, so each wheel step or key press costs one frame, not several.
   */
  const shown = useRef<{ stackKey: string; index: number } | undefined>(undefined);
  const show = useCallback(
    (index: number) => {
      const element = elementRef.current!;
      const imageId = stack.imageIds[index];
      if (!imageId || (shown.current?.stackKey === stack.key && shown.current.index === index)) return;
      shown.current = { stackKey: stack.key, index };
      cornerstone
        .loadAndCacheImage(imageId)
        .then((image) => {
          if (shown.current?.stackKey !== stack.key || shown.current.index !== index) return;
          const previous = viewportState.current;
          const defaults = cornerstone.getDefaultViewportForImage(element, image);
          cornerstone.displayImage(element, image, previous ? { ...defaults, ...previous } : defaults);
          if (!previous) cornerstone.fitToWindow(element);
          viewportState.current = cornerstone.getViewport(element);
          onImageShown?.();
          setError(undefined);
        })
        .catch((e: unknown) => setError(e instanceof Error ? e.message : String(e)));
    },
    [stack, onImageShown],
  );

  // Slices chosen elsewhere (sync, locate, cine, a new stack) arrive as props.
  useLayoutEffect(() => show(sliceIndex), [show, sliceIndex]);

  const updateViewport = useCallback(
    (change: (vp: CsViewport) => void, zoomChanged = false) => {
      const element = elementRef.current!;
      const vp = cornerstone.getViewport(element);
      if (!vp) return;
      change(vp);
      cornerstone.setViewport(element, vp);
      viewportState.current = vp;
      if (zoomChanged && linkZoom) publishZoom({ scale: vp.scale ?? 1, x: vp.translation?.x ?? 0, y: vp.translation?.y ?? 0 }, index);
    },
    [index, linkZoom],
  );

  useEffect(
    () =>
      linkZoom
        ? onLinkedZoom((zoom, from) => {
            if (from !== index && cornerstone.getImage(elementRef.current!)) updateViewport((vp) => ((vp.scale = zoom.scale), (vp.translation = { x: zoom.x, y: zoom.y })));
          })
        : undefined,
    [linkZoom, index, updateViewport],
  );

  const step = useCallback(
    (delta: number) => {
      const next = Math.max(0, Math.min(count - 1, sliceRef.current + delta));
      if (next === sliceRef.current) return;
      sliceRef.current = next;
      show(next);
      onSliceChange(next);
    },
    [count, onSliceChange, show],
  );

  const applyPreset = useCallback(
    (preset: WindowPreset) => {
      updateViewport((vp) => (vp.voi = { windowCenter: preset.center, windowWidth: preset.width }));
      useStudyStore.getState().setWindowChoice(index, { preset: preset.name, custom: false });
    },
    [updateViewport, index],
  );

  const run = useCallback(
    (command: ViewportCommand) => {
      const element = elementRef.current!;
      if (!cornerstone.getImage(element)) return;
      if (command === 'reset') {
        cornerstone.reset(element);
        cornerstone.fitToWindow(element);
        viewportState.current = cornerstone.getViewport(element);
        // Reset undoes pan, zoom and hand windowing, but keeps the preset the reader chose.
        const chosen = presetNamed(stack.modality, useStudyStore.getState().windowChoices[index]?.preset);
        if (chosen) applyPreset(chosen);
        else useStudyStore.getState().setWindowChoice(index, IMAGE_WINDOW);
      } else if (command === 'fit') {
        cornerstone.fitToWindow(element);
        viewportState.current = cornerstone.getViewport(element);
      } else if (command === 'actual-size') updateViewport((vp) => (vp.scale = 1), true);
      else if (command === 'rotate') updateViewport((vp) => (vp.rotation = ((vp.rotation ?? 0) + 90) % 360));
      else if (command === 'flip-horizontal') updateViewport((vp) => (vp.hflip = !vp.hflip));
      else if (command === 'flip-vertical') updateViewport((vp) => (vp.vflip = !vp.vflip));
      else if (command === 'invert') updateViewport((vp) => (vp.invert = !vp.invert));
      else {
        const preset = presetNamed(stack.modality, command.preset);
        if (preset) applyPreset(preset);
      }
    },
    [updateViewport, applyPreset, stack.modality, index],
  );

  useEffect(() => onViewportCommand(index, run), [index, run]);

  useShortcuts(
    useMemo(() => {
      const presets = presetsFor(stack.modality);
      return {
        previous: () => step(-1),
        next: () => step(1),
        'page-back': () => step(-10),
        'page-forward': () => step(10),
        'slice-first': () => onSliceChange(0),
        'slice-last': () => onSliceChange(count - 1),
        fit: () => run('fit'),
        reset: () => run('reset'),
        invert: () => run('invert'),
        rotate: () => run('rotate'),
        'flip-horizontal': () => run('flip-horizontal'),
        'flip-vertical': () => run('flip-vertical'),
        magnifier: () => setMagnifier((m) => !m),
        'window-preset': (e: KeyboardEvent) => {
          const preset = presets.find((p) => p.key === e.key);
          if (preset) run({ preset: preset.name });
        },
      };
    }, [stack.modality, step, run, onSliceChange, count]),
    active,
  );

  const onWheel = useCallback((e: React.WheelEvent) => step(e.deltaY > 0 ? 1 : -1), [step]);

  const onPointerDown = useCallback(
    (e: React.PointerEvent) => {
      const mode: DragMode = e.button === 1 || (e.button === 0 && e.shiftKey) ? 'pan' : e.button === 2 || (e.button === 0 && e.ctrlKey) ? 'zoom' : 'window';
      const element = elementRef.current!;
      element.setPointerCapture(e.pointerId);
      const start = { x: e.clientX, y: e.clientY };
      const canvasPoint = (clientX: number, clientY: number) => {
        const rect = element.getBoundingClientRect();
        return { x: clientX - rect.left, y: clientY - rect.top };
      };
      // Pan and zoom hold the image point first pressed: under the pointer (pan), or where it was (zoom).
      const anchor = mode !== 'window' && cornerstone.getImage(element) ? cornerstone.canvasToPixel(element, canvasPoint(start.x, start.y) as never) : undefined;
      let moved = false;
      let lastX = e.clientX;
      let lastY = e.clientY;
      const move = (ev: PointerEvent) => {
        const dx = ev.clientX - lastX;
        const dy = ev.clientY - lastY;
        lastX = ev.clientX;
        lastY = ev.clientY;
        if (!moved && Math.hypot(ev.clientX - start.x, ev.clientY - start.y) > 3) {
          moved = true;
          if (mode === 'window') {
            const { windowChoices, setWindowChoice } = useStudyStore.getState();
            setWindowChoice(index, { ...windowChoices[index], custom: true });
          }
        }
        if (!moved) return;
        updateViewport((vp) => {
          if (mode === 'window' && vp.voi) {
            // Sensitivity follows the current width so fine and coarse windows both feel natural.
            const k = Math.max(1, (vp.voi.windowWidth ?? 1) / 256);
            vp.voi.windowWidth = Math.max(1, vp.voi.windowWidth + dx * k);
            vp.voi.windowCenter = vp.voi.windowCenter + dy * k;
          } else if (mode === 'pan' && anchor) {
            vp.translation = translationPlacing(canvasPointOf(element, vp, anchor), canvasPoint(ev.clientX, ev.clientY));
          } else if (mode === 'zoom' && anchor) {
            vp.scale = Math.max(0.05, Math.min(40, (vp.scale ?? 1) * Math.exp(-dy / 150)));
            vp.translation = translationPlacing(canvasPointOf(element, vp, anchor), canvasPoint(start.x, start.y));
          }
        }, mode !== 'window');
      };
      const up = (ev: PointerEvent) => {
        element.removeEventListener('pointermove', move);
        element.removeEventListener('pointerup', up);
        element.removeEventListener('pointercancel', up);
        if (!moved && mode === 'window' && e.button === 0 && onLocate && cornerstone.getImage(element)) {
          onLocate(cornerstone.canvasToPixel(element, canvasPoint(ev.clientX, ev.clientY) as never));
        }
      };
      element.addEventListener('pointermove', move);
      element.addEventListener('pointerup', up);
      element.addEventListener('pointercancel', up);
    },
    [updateViewport, onLocate, index],
  );

  const calibrated = header && header.spacing.source !== 'none';
  const mmPerScreenPx = header && rendered ? Math.min(header.spacing.columnMm, header.spacing.rowMm) / rendered.scale : 0;
  const bar = rendered && calibrated ? scaleBarLength(mmPerScreenPx, rendered.width / 4) : undefined;
  const letters = rendered?.letters;

  return (
    <div className={`viewport${active ? ' viewport-active' : ''}`} onWheel={onWheel} onPointerDown={onPointerDown} onContextMenu={(e) => e.preventDefault()}>
      <div
        ref={elementRef}
        className="viewport-canvas"
        data-testid="viewport"
        data-slice={sliceIndex}
        data-slices={count}
        data-wc={rendered ? Math.round(rendered.windowCenter) : ''}
        data-ww={rendered ? Math.round(rendered.windowWidth) : ''}
        data-screen-width={rendered ? rendered.screenWidth.toFixed(2) : ''}
        data-screen-height={rendered ? rendered.screenHeight.toFixed(2) : ''}
        data-transform={rendered?.transform ?? ''}
        data-extent-mm={header ? `${(header.columns * header.spacing.columnMm).toFixed(2)}x${(header.rows * header.spacing.rowMm).toFixed(2)}` : ''}
        data-plane={stack.reformat?.orientation ?? 'acquired'}
        onDoubleClick={() => run('reset')}
        tabIndex={0}
        role="img"
        aria-label={`${stack.description || 'Series'}, image ${sliceIndex + 1} of ${count}`}
      />
      {rendered && overlay?.(elementRef.current, renderTick)}
      {magnifier && elementRef.current && <Magnifier element={elementRef.current} />}
      {header && (
        <>
          <div className="overlay overlay-tl" data-testid="overlay-patient">
            {showIdentifiers ? (
              <>
                <div className="overlay-strong">{formatPersonName(header.patientName)}</div>
                <div>ID {header.patientId}</div>
                {header.patientBirthDate && (
                  <div>
                    Born {formatDicomDate(header.patientBirthDate)}
                    {header.patientSex ? ` · ${header.patientSex}` : ''}
                  </div>
                )}
              </>
            ) : (
              <div className="overlay-muted">Identifiers hidden</div>
            )}
          </div>
          <div className="overlay overlay-tr">
            {showIdentifiers && <div>{formatDicomDate(header.studyDate)}</div>}
            <div>{header.studyDescription}</div>
            <div className="overlay-strong">
              {header.modality} · {stack.description || `Series ${stack.seriesNumber ?? ''}`}
            </div>
          </div>
          <div className="overlay overlay-bl">
            <div className="overlay-strong" data-testid="slice-indicator">
              Image {sliceIndex + 1} / {count}
            </div>
            {header.sliceThickness !== undefined && <div>Thickness {header.sliceThickness.toFixed(1)} mm</div>}
            <div className="overlay-muted" title={header.spacing.note}>
              {header.spacing.source !== 'none'
                ? `${header.spacing.columnMm.toFixed(3)}${header.spacing.rowMm !== header.spacing.columnMm ? ` × ${header.spacing.rowMm.toFixed(3)}` : ''} ${calibrationBadgeShort(header.spacing.source)}/px`
                : 'No spacing: lengths in px'}
            </div>
          </div>
          <div className="overlay overlay-br">
            {rendered && (
              <>
                <div>
                  W {Math.round(rendered.windowWidth)} · L {Math.round(rendered.windowCenter)}
                  {rendered.invert ? ' · inverted' : ''}
                </div>
                <div>Zoom {(rendered.scale * 100).toFixed(0)}%</div>
              </>
            )}
          </div>
          {letters && (
            <>
              <div className="orient orient-top">{letters.top}</div>
              <div className="orient orient-bottom">{letters.bottom}</div>
              <div className="orient orient-left">{letters.left}</div>
              <div className="orient orient-right">{letters.right}</div>
            </>
          )}
          {bar && (
            <div className="scale-bar" style={{ width: `${bar.px}px` }} data-testid="scale-bar">
              <span>
                {bar.mm} {calibrationBadgeShort(header.spacing.source)}
              </span>
            </div>
          )}
        </>
      )}
      {error && <div className="viewport-error">{error}</div>}
    </div>
  );
}
