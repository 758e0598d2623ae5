import { useShallow } from 'zustand/react/shallow';
import type { AnatomicalPlane } from '../../shared/volume/reslice';
import { sendViewportCommand } from '../viewer/viewport-commands';
import { IMAGE_WINDOW, activeWindowEntry, presetsFor } from '../viewer/window-presets';
import { stackByKey, useStudyStore, type Layout } from './study-store';

const LAYOUTS: readonly Layout[] = ['1x1', '1x2', '2x1', '2x2'];
const PLANES: ReadonlyArray<readonly [AnatomicalPlane | 'acquired', string]> = [
  ['acquired', 'Acquired'],
  ['axial', 'Axial'],
  ['sagittal', 'Sagittal'],
  ['coronal', 'Coronal'],
];

export function ViewerToolbar({ cine, onToggleCine, fps, onFps }: { cine: boolean; onToggleCine: () => void; fps: number; onFps: (fps: number) => void }) {
  const s = useStudyStore(
    useShallow((st) => ({
      active: stackByKey(st, st.viewports[st.activeViewport]),
      activeViewport: st.activeViewport,
      layout: st.layout,
      slab: st.slab,
      syncScroll: st.syncScroll,
      linkZoom: st.linkZoom,
      setLayout: st.setLayout,
      showPlane: st.showPlane,
      setSlab: st.setSlab,
      toggleSyncScroll: st.toggleSyncScroll,
      toggleLinkZoom: st.toggleLinkZoom,
      windowChoice: st.windowChoices[st.activeViewport] ?? IMAGE_WINDOW,
    })),
  );
  const { active } = s;
  const current = active?.reformat?.orientation ?? 'acquired';
  const presets = presetsFor(active?.modality ?? '');
  const send = (c: Parameters<typeof sendViewportCommand>[1]) => sendViewportCommand(s.activeViewport, c);
  return (
    <div className="viewer-toolbar" role="toolbar" aria-label="Viewer">
      <div className="segmented" role="group" aria-label="Layout">
        {LAYOUTS.map((l) => (
          <button key={l} type="button" className={`button${s.layout === l ? ' button-on' : ''}`} aria-pressed={s.layout === l} onClick={() => s.setLayout(l)} data-testid={`layout-${l}`}>
            {l.replace('x', '×')}
          </button>
        ))}
      </div>
      <div className="segmented" role="group" aria-label="Plane">
        {PLANES.map(([p, text]) => (
          <button key={p} type="button" className={`button${current === p ? ' button-on' : ''}`} aria-pressed={current === p} onClick={() => s.showPlane(s.activeViewport, p)} disabled={!active} data-testid={`plane-${p}`}>
            {text}
          </button>
        ))}
      </div>
      <label className="field-inline" title="Average or maximum over a slab on reformats">
        Slab
        <select
          className="select"
          value={`${s.slab.thicknessMm}|${s.slab.mode}`}
          onChange={(e) => {
            const [t, mode] = e.target.value.split('|');
            s.setSlab({ thicknessMm: Number(t), mode: mode as 'average' | 'mip' });
          }}
          aria-label="Slab thickness"
        >
          <option value="0|average">none</option>
          <option value="5|average">5 mm avg</option>
          <option value="10|average">10 mm avg</option>
          <option value="10|mip">10 mm MIP</option>
        </select>
      </label>
      <div className="segmented" role="group" aria-label="Image">
        <button type="button" className="button" onClick={() => send('rotate')} title="Rotate 90° (E)" aria-label="Rotate 90 degrees">
          ⟳
        </button>
        <button type="button" className="button" onClick={() => send('flip-horizontal')} title="Flip horizontally (X)" aria-label="Flip horizontally">
          ⇋
        </button>
        <button type="button" className="button" onClick={() => send('flip-vertical')} title="Flip vertically (Y)" aria-label="Flip vertically">
          ⇅
        </button>
        <button type="button" className="button" onClick={() => send('fit')} title="Fit (F)">
          Fit
        </button>
        <button type="button" className="button" onClick={() => send('actual-size')} title="One image pixel per screen pixel (1:1)">
          1:1
        </button>
        <button type="button" className="button" onClick={() => send('reset')} title="Reset (R)">
          Reset
        </button>
      </div>
      {presets.length > 0 && (
        <select
          className={`select${activeWindowEntry(s.windowChoice) ? ' select-on' : ''}`}
          aria-label="Window preset"
          value={activeWindowEntry(s.windowChoice)}
          onChange={(e) => send({ preset: e.target.value })}
          data-testid="window-preset"
        >
          <option value="" disabled>
            Window…
          </option>
          {s.windowChoice.custom && (
            <option value="custom" disabled>
              Custom (dragged)
            </option>
          )}
          {presets.map((p) => (
            <option key={p.name} value={p.name}>
              {p.name} ({p.key})
            </option>
          ))}
        </select>
      )}
      <div className="segmented" role="group" aria-label="Cine">
        <button type="button" className={`button${cine ? ' button-on' : ''}`} onClick={onToggleCine} aria-pressed={cine} title="Cine (P)" data-testid="cine">
          {cine ? '❚❚ Stop' : '▶ Cine'}
        </button>
        <select className="select" value={fps} onChange={(e) => onFps(Number(e.target.value))} aria-label="Cine frames per second">
          {[5, 10, 15, 24, 30].map((f) => (
            <option key={f} value={f}>
              {f} fps
            </option>
          ))}
        </select>
      </div>
      <label className="field-inline">
        <input type="checkbox" checked={s.syncScroll} onChange={s.toggleSyncScroll} data-testid="sync-scroll" /> Sync scroll
      </label>
      <label className="field-inline">
        <input type="checkbox" checked={s.linkZoom} onChange={s.toggleLinkZoom} /> Link zoom
      </label>
    </div>
  );
}
