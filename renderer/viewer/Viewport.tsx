import cornerstone from 'cornerstone-core';
import type { Viewport as CsViewport } from 'cornerstone-core';
import { useCallback, useEffect, useRef, useState } from 'react';
import { calibrationBadge } from '../../shared/calibration';
import { orientationLetters, patientOrientationLetters } from '../../shared/dicom/orientation';
import { registerImageLoader } from './cornerstone-image';
import { scaleBarLength } from './scale-bar';
import type { Stack } from './stack';
import { presetsFor } from './window-presets';

export interface ViewportProps {
  readonly stack: Stack;
  readonly sliceIndex: number;
  readonly onSliceChange: (index: number) => void;
  readonly showIdentifiers: boolean;
  readonly active?: boolean;
  /** Drawn over the image; called again after every render so it can follow pan and zoom. */
  readonly overlay?: (element: HTMLDivElement | null, renderTick: number) => React.ReactNode;
}

interface RenderedState {
  windowCenter: number;
  windowWidth: number;
  scale: number;
  width: number;
  height: number;
  invert: boolean;
}

type DragMode = 'window' | 'pan' | 'zoom';

function formatDate(d?: string): string {
  return d && /^\d{8}$/.test(d) ? `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}` : (d ?? '');
}

function formatName(name: string): string {
  return name.replace(/\^+/g, ', ').replace(/,\s*$/, '');
}

export function Viewport({ stack, sliceIndex, onSliceChange, showIdentifiers, active = true, overlay }: ViewportProps) {
  const elementRef = useRef<HTMLDivElement>(null);
  const viewportState = useRef<CsViewport | undefined>(undefined);
  const [rendered, setRendered] = useState<RenderedState | undefined>();
  const [error, setError] = useState<string | undefined>();
  const [renderTick, setRenderTick] = useState(0);
  const sliceRef = useRef(sliceIndex);
  sliceRef.current = sliceIndex;
  const count = stack.imageIds.length;
  const header = stack.headers[Math.min(sliceIndex, count - 1)];

  useEffect(() => {
    registerImageLoader();
    const element = elementRef.current!;
    cornerstone.enable(element);
    const onRendered = () => {
      const vp = cornerstone.getViewport(element);
      if (!vp) return;
      setRendered({
        windowCenter: vp.voi?.windowCenter ?? 0,
        windowWidth: vp.voi?.windowWidth ?? 0,
        scale: vp.scale ?? 1,
        width: element.clientWidth,
        height: element.clientHeight,
        invert: vp.invert ?? false,
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

  // A new stack starts from its own defaults, fitted to the viewport.
  useEffect(() => {
    viewportState.current = undefined;
  }, [stack.key]);

  useEffect(() => {
    const element = elementRef.current!;
    const imageId = stack.imageIds[sliceIndex];
    if (!imageId) return;
    let cancelled = false;
    cornerstone
      .loadAndCacheImage(imageId)
      .then((image) => {
        if (cancelled) return;
        const previous = viewportState.current;
        const defaults = cornerstone.getDefaultViewportForImage(element, image);
        cornerstone.displayImage(element, image, previous ? { ...defaults, ...previous } : defaults);
        if (!previous) cornerstone.fitToWindow(element);
        viewportState.current = cornerstone.getViewport(element);
        if (performance.getEntriesByName('spinelab:first-image').length === 0) performance.mark('spinelab:first-image');
        setError(undefined);
      })
      .catch((e: unknown) => !cancelled && setError(e instanceof Error ? e.message : String(e)));
    return () => {
      cancelled = true;
    };
  }, [stack, sliceIndex]);

  const updateViewport = useCallback((change: (vp: CsViewport) => void) => {
    const element = elementRef.current!;
    const vp = cornerstone.getViewport(element);
    if (!vp) return;
    change(vp);
    cornerstone.setViewport(element, vp);
    viewportState.current = vp;
  }, []);

  const step = useCallback(
    (delta: number) => {
      const next = Math.max(0, Math.min(count - 1, sliceRef.current + delta));
      if (next !== sliceRef.current) onSliceChange(next);
    },
    [count, onSliceChange],
  );

  const reset = useCallback(() => {
    const element = elementRef.current!;
    cornerstone.reset(element);
    cornerstone.fitToWindow(element);
    viewportState.current = cornerstone.getViewport(element);
  }, []);

  useEffect(() => {
    if (!active) return;
    const presets = presetsFor(stack.modality);
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLTextAreaElement || e.ctrlKey || e.metaKey || e.altKey) return;
      const actions: Record<string, () => void> = {
        ArrowUp: () => step(-1),
        ArrowDown: () => step(1),
        ArrowLeft: () => step(-1),
        ArrowRight: () => step(1),
        PageUp: () => step(-10),
        PageDown: () => step(10),
        Home: () => onSliceChange(0),
        End: () => onSliceChange(count - 1),
        f: () => cornerstone.fitToWindow(elementRef.current!),
        r: reset,
        i: () => updateViewport((vp) => (vp.invert = !vp.invert)),
      };
      for (const p of presets) actions[p.key] = () => updateViewport((vp) => (vp.voi = { windowCenter: p.center, windowWidth: p.width }));
      const action = actions[e.key];
      if (action) {
        e.preventDefault();
        action();
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [active, stack.modality, step, reset, updateViewport, onSliceChange, count]);

  const onWheel = useCallback((e: React.WheelEvent) => step(e.deltaY > 0 ? 1 : -1), [step]);

  const onPointerDown = useCallback(
    (e: React.PointerEvent) => {
      const mode: DragMode = e.button === 1 || (e.button === 0 && e.shiftKey) ? 'pan' : e.button === 2 || (e.button === 0 && e.ctrlKey) ? 'zoom' : 'window';
      const element = elementRef.current!;
      element.setPointerCapture(e.pointerId);
      let lastX = e.clientX;
      let lastY = e.clientY;
      const move = (ev: PointerEvent) => {
        const dx = ev.clientX - lastX;
        const dy = ev.clientY - lastY;
        lastX = ev.clientX;
        lastY = ev.clientY;
        updateViewport((vp) => {
          if (mode === 'window' && vp.voi) {
            // Sensitivity follows the current width so fine and coarse windows both feel natural.
            const k = Math.max(1, (vp.voi.windowWidth ?? 1) / 256);
            vp.voi.windowWidth = Math.max(1, vp.voi.windowWidth + dx * k);
            vp.voi.windowCenter = vp.voi.windowCenter + dy * k;
          } else if (mode === 'pan' && vp.translation) {
            const s = vp.scale ?? 1;
            vp.translation = { x: vp.translation.x + dx / s, y: vp.translation.y + dy / s };
          } else if (mode === 'zoom') {
            vp.scale = Math.max(0.05, Math.min(40, (vp.scale ?? 1) * Math.exp(-dy / 150)));
          }
        });
      };
      const up = () => {
        element.removeEventListener('pointermove', move);
        element.removeEventListener('pointerup', up);
        element.removeEventListener('pointercancel', up);
      };
      element.addEventListener('pointermove', move);
      element.addEventListener('pointerup', up);
      element.addEventListener('pointercancel', up);
    },
    [updateViewport],
  );

  const letters = header?.imageOrientationPatient
    ? orientationLetters(header.imageOrientationPatient)
    : header?.patientOrientation
      ? patientOrientationLetters(header.patientOrientation)
      : undefined;
  const calibrated = header && header.spacing.source !== 'none';
  const bar = rendered && calibrated ? scaleBarLength(header.spacing.columnMm / rendered.scale, rendered.width / 4) : undefined;

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
        onDoubleClick={reset}
        tabIndex={0}
        role="img"
        aria-label={`${stack.description || 'Series'}, image ${sliceIndex + 1} of ${count}`}
      />
      {rendered && overlay?.(elementRef.current, renderTick)}
      {header && (
        <>
          <div className="overlay overlay-tl" data-testid="overlay-patient">
            {showIdentifiers ? (
              <>
                <div className="overlay-strong">{formatName(header.patientName)}</div>
                <div>ID {header.patientId}</div>
                {header.patientBirthDate && <div>Born {formatDate(header.patientBirthDate)}{header.patientSex ? ` · ${header.patientSex}` : ''}</div>}
              </>
            ) : (
              <div className="overlay-muted">Identifiers hidden</div>
            )}
          </div>
          <div className="overlay overlay-tr">
            {showIdentifiers && <div>{formatDate(header.studyDate)}</div>}
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
            {header.imagePositionPatient && count > 1 && <div>Position {header.imagePositionPatient[2].toFixed(1)} mm</div>}
            <div className="overlay-muted">Spacing: {calibrationBadge(header.spacing.source)}{header.spacing.source !== 'none' ? ` · ${header.spacing.columnMm.toFixed(3)} mm/px` : ''}</div>
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
              <span>{bar.mm} {header.spacing.source === 'calibrated' ? 'mm' : calibrationBadge(header.spacing.source)}</span>
            </div>
          )}
        </>
      )}
      {error && <div className="viewport-error">{error}</div>}
    </div>
  );
}
