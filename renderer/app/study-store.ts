import { create } from 'zustand';
import type { DecodedFrame } from '../../shared/dicom/pixel-types';
import type { InstanceHeader } from '../../shared/dicom/header';
import type { AnatomicalPlane } from '../../shared/volume/reslice';
import { buildStacks } from '../viewer/build-stacks';
import { connectFrameSources, purgeImageCache } from '../viewer/cornerstone-image';
import { connectStacks, reformatStack, type Slab } from '../viewer/reformat-stacks';
import { matchingSlice } from '../viewer/slice-sync';
import type { Stack } from '../viewer/stack';
import { IMAGE_WINDOW, type WindowChoice } from '../viewer/window-presets';
import type { FileSource } from '../platform/platform';

export type View = 'viewer' | 'cases' | 'explain' | 'pacs';
export type Layout = '1x1' | '1x2' | '2x1' | '2x2';

export const VIEWPORT_COUNT: Readonly<Record<Layout, number>> = { '1x1': 1, '1x2': 2, '2x1': 2, '2x2': 4 };

export interface LoadFailure {
  readonly fileName: string;
  readonly reason: string;
}

export interface LoadedInstance {
  readonly key: string;
  readonly fileName: string;
  readonly header: InstanceHeader;
  readonly frames: readonly DecodedFrame[];
}

export interface StudyState {
  view: View;
  label: string;
  /** The files of the current study as opened, kept (not their bytes) for a de-identified copy. */
  sources: readonly FileSource[];
  /** Bumped when a load is superseded, so late results of an older load are dropped. */
  generation: number;
  /** The decoded instances by key, in the order they arrived: what the stacks are built from and the image loaders read. */
  instances: ReadonlyMap<string, LoadedInstance>;
  nonImages: readonly LoadFailure[];
  failures: readonly LoadFailure[];
  progress: { done: number; total: number } | null;
  /** Stacks from the files, then reformats made from them. */
  stacks: readonly Stack[];
  reformats: readonly Stack[];
  layout: Layout;
  /** The stack shown in each viewport slot (4 slots; the layout shows the first 1, 2 or 4). */
  viewports: readonly (string | undefined)[];
  activeViewport: number;
  sliceByStack: Readonly<Record<string, number>>;
  syncScroll: boolean;
  linkZoom: boolean;
  slab: Slab;
  /** The window each viewport slot shows (window-presets.ts), for the window menu and for reset. */
  windowChoices: readonly WindowChoice[];
  /** True once the user scrolled, so finishing a load does not move their slice. */
  userNavigated: boolean;
  showIdentifiers: boolean;
  caseId?: string;
  message: string | null;
  /** Whether an image of the current load has been drawn yet (for the time-to-first-image mark). */
  firstImageShown: boolean;

  setView(view: View): void;
  beginLoad(label: string, sources: readonly FileSource[], caseId?: string): number;
  /** Adds decoded instances (a batch: each addition re-sorts the stacks and re-renders). */
  addInstances(generation: number, added: readonly LoadedInstance[]): void;
  addFailure(generation: number, failure: LoadFailure, notAnImage?: boolean): void;
  finishLoad(generation: number): void;
  closeStudy(): void;
  selectStack(key: string, viewport?: number): void;
  setActiveViewport(index: number): void;
  setLayout(layout: Layout): void;
  showPlane(viewport: number, plane: AnatomicalPlane | 'acquired'): void;
  setSlab(slab: Slab): void;
  /** Shows a slice the user chose (scrolling, cine), and the matching slices of the other viewports when scroll is synced. */
  setSlice(key: string, index: number): void;
  toggleSyncScroll(): void;
  toggleLinkZoom(): void;
  setWindowChoice(viewport: number, choice: WindowChoice): void;
  toggleIdentifiers(): void;
  setMessage(message: string | null): void;
  markImageShown(): void;
}

const EMPTY = {
  label: '',
  sources: [],
  instances: new Map<string, LoadedInstance>(),
  nonImages: [],
  failures: [],
  progress: null,
  stacks: [],
  reformats: [],
  viewports: [undefined, undefined, undefined, undefined],
  windowChoices: [IMAGE_WINDOW, IMAGE_WINDOW, IMAGE_WINDOW, IMAGE_WINDOW],
  activeViewport: 0,
  sliceByStack: {},
  userNavigated: false,
  caseId: undefined,
  message: null,
  firstImageShown: false,
};

/** The slice shown of a stack: the one last chosen, kept within the stack. */
export function sliceOf(s: Pick<StudyState, 'sliceByStack'>, stack: Stack): number {
  return Math.min(s.sliceByStack[stack.key] ?? 0, stack.imageIds.length - 1);
}

export function stackByKey(s: Pick<StudyState, 'stacks' | 'reformats'>, key: string | undefined): Stack | undefined {
  return key === undefined ? undefined : (s.stacks.find((x) => x.key === key) ?? s.reformats.find((x) => x.key === key));
}

/** The acquired stack a viewport's images come from (itself, or the source of its reformat). */
export function sourceStackOf(s: Pick<StudyState, 'stacks' | 'reformats'>, stack: Stack): Stack {
  return stack.reformat ? (stackByKey(s, stack.reformat.sourceKey) ?? stack) : stack;
}

export const useStudyStore = create<StudyState>((set, get) => ({
  view: 'viewer',
  generation: 0,
  showIdentifiers: true,
  layout: '1x1',
  syncScroll: true,
  linkZoom: false,
  slab: { thicknessMm: 0, mode: 'average' },
  ...EMPTY,

  setView: (view) => set({ view }),

  beginLoad(label, sources, caseId) {
    purgeImageCache();
    const generation = get().generation + 1;
    performance.mark('spinelab:progress-shown');
    set({ ...EMPTY, label, sources, caseId, generation, progress: { done: 0, total: sources.length }, layout: '1x1' });
    return generation;
  },

  addInstances(generation, added) {
    const s = get();
    if (generation !== s.generation || added.length === 0) return;
    const instances = new Map(s.instances);
    for (const instance of added) instances.set(instance.key, instance);
    const stacks = buildStacks([...instances.values()]);
    // Keep the image on screen the same while new slices slot in around it.
    const sliceByStack: Record<string, number> = { ...s.sliceByStack };
    for (const stack of stacks) {
      const old = s.stacks.find((o) => o.key === stack.key);
      const shownId = old?.imageIds[s.sliceByStack[stack.key] ?? 0];
      const idx = shownId ? stack.imageIds.indexOf(shownId) : -1;
      sliceByStack[stack.key] = idx >= 0 ? idx : 0;
    }
    const viewports = s.viewports.map((key) => (key && (stacks.some((st) => st.key === key) || s.reformats.some((r) => r.key === key)) ? key : undefined));
    if (!viewports[0]) viewports[0] = stacks[0]?.key;
    set({ instances, stacks, viewports, sliceByStack, progress: s.progress && { ...s.progress, done: s.progress.done + added.length } });
  },

  addFailure(generation, failure, notAnImage = false) {
    const s = get();
    if (generation !== s.generation) return;
    set({
      failures: notAnImage ? s.failures : [...s.failures, failure],
      nonImages: notAnImage ? [...s.nonImages, failure] : s.nonImages,
      progress: s.progress && { ...s.progress, done: s.progress.done + 1 },
    });
  },

  finishLoad(generation) {
    const s = get();
    if (generation !== s.generation) return;
    const sliceByStack = { ...s.sliceByStack };
    // The middle of a stack is where the spine usually is.
    let viewports = s.viewports;
    if (!s.userNavigated) {
      for (const stack of s.stacks) sliceByStack[stack.key] = Math.floor(stack.imageIds.length / 2);
      // Files arrive in any order; once all are in, open on the first series of the study.
      viewports = [s.stacks[0]?.key, ...s.viewports.slice(1)];
    }
    performance.mark('spinelab:load-complete');
    set({ progress: null, sliceByStack, viewports });
  },

  closeStudy() {
    purgeImageCache();
    set({ ...EMPTY, generation: get().generation + 1 });
  },

  selectStack(key, viewport) {
    const index = viewport ?? get().activeViewport;
    const viewports = [...get().viewports];
    viewports[index] = key;
    set({ viewports, activeViewport: index, userNavigated: true });
  },

  setActiveViewport: (activeViewport) => set({ activeViewport }),

  setLayout(layout) {
    const s = get();
    const viewports = [...s.viewports];
    // New slots start with the next series, so a 1×2 layout compares at once.
    for (let i = 1; i < VIEWPORT_COUNT[layout]; i++) {
      if (!viewports[i]) viewports[i] = s.stacks[i % Math.max(1, s.stacks.length)]?.key;
    }
    set({ layout, viewports, activeViewport: Math.min(s.activeViewport, VIEWPORT_COUNT[layout] - 1) });
  },

  showPlane(viewport, plane) {
    const s = get();
    const current = stackByKey(s, s.viewports[viewport]);
    if (!current) return;
    const source = sourceStackOf(s, current);
    if (plane === 'acquired') return get().selectStack(source.key, viewport);
    // A volume built from part of a series would be silently short: reformat once it is all in.
    if (s.progress) return set({ message: 'The series is still loading; reformat it once every slice is in.' });
    const made = reformatStack(source, plane, s.slab);
    if ('error' in made) return set({ message: made.error });
    const reformats = [...s.reformats.filter((r) => r.key !== made.key), made];
    const sliceByStack = { ...s.sliceByStack, [made.key]: s.sliceByStack[made.key] ?? Math.floor(made.imageIds.length / 2) };
    set({ reformats, sliceByStack, message: null });
    get().selectStack(made.key, viewport);
  },

  setSlab(slab) {
    const s = get();
    set({ slab });
    // Rebuild the reformats on screen with the new slab.
    s.viewports.forEach((key, i) => {
      const stack = stackByKey(s, key);
      if (stack?.reformat) get().showPlane(i, stack.reformat.orientation);
    });
  },

  setSlice(key, index) {
    const s = get();
    const sliceByStack: Record<string, number> = { ...s.sliceByStack, [key]: index };
    const moved = stackByKey(s, key);
    if (s.syncScroll && moved) {
      for (const other of s.viewports.slice(0, VIEWPORT_COUNT[s.layout])) {
        const target = stackByKey(s, other);
        if (!target || target.key === key) continue;
        const match = matchingSlice(moved.headers, index, target.headers);
        if (match !== undefined) sliceByStack[target.key] = match;
      }
    }
    set({ sliceByStack, userNavigated: true });
  },

  toggleSyncScroll: () => set((s) => ({ syncScroll: !s.syncScroll })),
  toggleLinkZoom: () => set((s) => ({ linkZoom: !s.linkZoom })),
  setWindowChoice: (viewport, choice) => set((s) => ({ windowChoices: s.windowChoices.map((c, i) => (i === viewport ? choice : c)) })),
  toggleIdentifiers: () => set((s) => ({ showIdentifiers: !s.showIdentifiers })),
  setMessage: (message) => set({ message }),
  markImageShown() {
    if (get().firstImageShown) return;
    performance.mark('spinelab:first-image');
    set({ firstImageShown: true });
  },
}));

// The image loaders read frames and stacks from this store; nothing is copied into them.
connectFrameSources((key) => useStudyStore.getState().instances.get(key));
connectStacks((key) => stackByKey(useStudyStore.getState(), key));
