import { lazy, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { DISCLAIMER, type RecentEntry } from '../../shared/api';
import { platform } from '../platform';
import { sourcesFromBrowserFiles } from '../platform/platform';
import { CaseLibrary } from '../cases/CaseLibrary';
import { RetrieveProgress } from '../pacs/RetrieveProgress';
import { sourcesFromDrop } from './drop-files';
import { HelpOverlay } from './HelpOverlay';
import { useKeymap, useShortcuts } from './keymap';
import { loadSources } from './load-files';
import { useStudyStore, type View } from './study-store';
import { StatusBar } from './StatusBar';
import { ViewerScreen } from './ViewerScreen';

const DEFAULT_CASE = 'case-01-normal';

// three.js and the explainer load only when the explainer is first opened.
const ExplainScreen = lazy(() => import('./ExplainScreen').then((m) => ({ default: m.ExplainScreen })));
const PacsScreen = lazy(() => import('../pacs/PacsScreen').then((m) => ({ default: m.PacsScreen })));

/** Opens a sample case; `show` brings the viewer forward (not for the default study at start-up). */
export async function openSampleCase(caseId: string, show = true): Promise<void> {
  const generation = useStudyStore.getState().generation;
  const opened = await platform.api.openSample(caseId);
  // The default study must never replace files the user opened while it was being fetched.
  if (!show && useStudyStore.getState().generation !== generation) return;
  if (show) useStudyStore.getState().setView('viewer');
  await loadSources(platform.sourcesFor(opened.files), opened.label, caseId);
}

export function App() {
  const view = useStudyStore((s) => s.view);
  const setView = useStudyStore((s) => s.setView);
  const showIdentifiers = useStudyStore((s) => s.showIdentifiers);
  const toggleIdentifiers = useStudyStore((s) => s.toggleIdentifiers);
  const [helpOpen, setHelpOpen] = useState(false);
  const [recent, setRecent] = useState<RecentEntry[]>([]);
  const [dragging, setDragging] = useState(false);
  const [notice, setNotice] = useState<string>();
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const openFiles = useCallback(async (kind: 'files' | 'folder') => {
    if (platform.mode === 'browser') {
      (kind === 'folder' ? folderInput : filesInput).current?.click();
      return;
    }
    const opened = await platform.api.showOpenDialog(kind);
    if (opened) await loadSources(platform.sourcesFor(opened.files), opened.label);
    setRecent(await platform.api.listRecent());
  }, []);

  const onPicked = useCallback((e: React.ChangeEvent<HTMLInputElement>) => {
    const files = [...(e.target.files ?? [])];
    e.target.value = '';
    if (files.length === 0) return;
    const first = files[0].webkitRelativePath.split('/')[0];
    setNotice(undefined);
    void loadSources(sourcesFromBrowserFiles(files), first || (files.length === 1 ? files[0].name : `${files.length} files`));
  }, []);

  useEffect(() => {
    // Host messages are our own words, never paths (electron/services/dispatch.ts): say which one it was.
    openSampleCase(DEFAULT_CASE, false).catch((error: unknown) =>
      setNotice(`The bundled sample study could not be opened${error instanceof Error ? ` (${error.message.replace(/\.$/, '')})` : ''}. Use Open to load your own files.`),
    );
    platform.api.listRecent().then(setRecent, () => undefined);
  }, []);

  useEffect(() => {
    const commands: Record<string, () => void> = {
      'open-files': () => void openFiles('files'),
      'open-folder': () => void openFiles('folder'),
      'close-study': () => useStudyStore.getState().closeStudy(),
      'view-viewer': () => setView('viewer'),
      'view-cases': () => setView('cases'),
      'view-explain': () => setView('explain'),
      'toggle-identifiers': toggleIdentifiers,
      'show-help': () => setHelpOpen(true),
      'open-recent': () => document.getElementById('recent-select')?.focus(),
    };
    return platform.onMenuCommand((c) => commands[c]?.());
  }, [openFiles, setView, toggleIdentifiers]);

  useKeymap();
  useShortcuts(
    useMemo(
      () => ({
        help: () => setHelpOpen((o) => !o),
        escape: () => setHelpOpen(false),
        identifiers: toggleIdentifiers,
        'open-files': () => void openFiles('files'),
        'open-folder': () => void openFiles('folder'),
      }),
      [openFiles, toggleIdentifiers],
    ),
  );

  const onDrop = useCallback(async (e: React.DragEvent) => {
    e.preventDefault();
    setDragging(false);
    const sources = await sourcesFromDrop(e.dataTransfer.items);
    if (sources.length > 0) await loadSources(sources, sources.length === 1 ? sources[0].name : 'Dropped files');
  }, []);

  const tabs: ReadonlyArray<readonly [View, string]> = [
    ['viewer', 'Viewer'],
    ['cases', 'Sample cases'],
    ['explain', 'Explain procedure'],
    ['pacs', 'PACS'],
  ];

  return (
    <div
      className="app"
      onDragOver={(e) => {
        // Only files from outside open a study; a series dragged onto a viewport is not one.
        if (!e.dataTransfer.types.includes('Files')) return;
        e.preventDefault();
        setDragging(true);
      }}
      onDragLeave={(e) => e.currentTarget === e.target && setDragging(false)}
      onDrop={onDrop}
    >
      <header className="topbar">
        <h1 className="brand">
          <span className="brand-mark" aria-hidden="true">◆</span> SpineLab
        </h1>
        <nav className="tabs" aria-label="Sections">
          {tabs.map(([id, text]) => (
            <button key={id} type="button" className={`tab${view === id ? ' tab-active' : ''}`} aria-current={view === id ? 'page' : undefined} onClick={() => setView(id)}>
              {text}
            </button>
          ))}
        </nav>
        <div className="toolbar">
          <button type="button" className="button" onClick={() => void openFiles('files')} title="Open DICOM files (O)">
            Open files…
          </button>
          <button type="button" className="button" onClick={() => void openFiles('folder')} title="Open a DICOM folder (Shift+O)">
            Open folder…
          </button>
          <select
            id="recent-select"
            className="select"
            aria-label="Open recent"
            value=""
            onChange={async (e) => {
              const opened = await platform.api.openRecent(e.target.value);
              await loadSources(platform.sourcesFor(opened.files), opened.label);
            }}
          >
            <option value="">Recent…</option>
            {recent.map((r) => (
              <option key={r.id} value={r.id}>
                {r.label}
              </option>
            ))}
          </select>
          <button
            type="button"
            className={`button${showIdentifiers ? '' : ' button-on'}`}
            onClick={toggleIdentifiers}
            aria-pressed={!showIdentifiers}
            title="Hide patient identifiers (H)"
            data-testid="toggle-identifiers"
          >
            {showIdentifiers ? 'Hide identifiers' : 'Identifiers hidden'}
          </button>
          <button
            type="button"
            className="button"
            onClick={() => {
              useStudyStore.getState().setMessage('Making a de-identified copy…');
              void import('./deidentified-copy').then((m) => m.exportDeidentifiedCopy()).then((text) => useStudyStore.getState().setMessage(text));
            }}
            title="Save a de-identified copy of the open study (DICOM PS3.15 Basic Confidentiality Profile)"
            data-testid="export-deidentified"
          >
            De-identified copy…
          </button>
          <button type="button" className="button icon-button" onClick={() => setHelpOpen(true)} aria-label="Keyboard shortcuts" title="Keyboard shortcuts (?)">
            ?
          </button>
        </div>
        <input ref={filesInput} type="file" multiple hidden onChange={onPicked} data-testid="file-input" />
        <input ref={folderInput} type="file" hidden onChange={onPicked} data-testid="folder-input" {...{ webkitdirectory: '' }} />
      </header>
      <div className="disclaimer" role="note">
        {DISCLAIMER}
      </div>
      <main className="main">
        {view === 'viewer' && <ViewerScreen />}
        {view === 'cases' && <CaseLibrary onOpen={(id) => void openSampleCase(id)} />}
        {view === 'explain' && (
          <Suspense fallback={<div className="viewport-empty">Loading the 3D model…</div>}>
            <ExplainScreen />
          </Suspense>
        )}
        {view === 'pacs' && (
          <Suspense fallback={<div className="viewport-empty">Loading…</div>}>
            <PacsScreen />
          </Suspense>
        )}
      </main>
      <StatusBar notice={notice} />
      <RetrieveProgress />
      {dragging && <div className="drop-hint">Drop DICOM files or folders to open them</div>}
      {helpOpen && <HelpOverlay onClose={() => setHelpOpen(false)} />}
    </div>
  );
}
