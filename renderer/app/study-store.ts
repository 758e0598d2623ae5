import { create } from 'zustand';
import type { DecodedFrame } from '../../shared/dicom/decode';
import type { InstanceHeader } from '../../shared/dicom/header';
import { buildStacks } from '../viewer/build-stacks';
import { clearFrameSources, registerFrameSource } from '../viewer/cornerstone-image';
import type { Stack } from '../viewer/stack';

export type View = 'viewer' | 'cases' | 'explain';

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
  /** Bumped when a load is superseded, so late results of an older load are dropped. */
  generation: number;
  instances: readonly LoadedInstance[];
  nonImages: readonly LoadFailure[];
  failures: readonly LoadFailure[];
  progress: { done: number; total: number } | null;
  stacks: readonly Stack[];
  activeStackKey?: string;
  sliceByStack: Readonly<Record<string, number>>;
  /** True once the user scrolled, so finishing a load does not move their slice. */
  userNavigated: boolean;
  showIdentifiers: boolean;
  caseId?: string;

  setView(view: View): void;
  beginLoad(label: string, total: number, caseId?: string): number;
  addInstance(generation: number, instance: LoadedInstance): void;
  addFailure(generation: number, failure: LoadFailure, notAnImage?: boolean): void;
  finishLoad(generation: number): void;
  closeStudy(): void;
  selectStack(key: string): void;
  setSlice(key: string, index: number, byUser?: boolean): void;
  toggleIdentifiers(): void;
}

const EMPTY = {
  label: '',
  instances: [],
  nonImages: [],
  failures: [],
  progress: null,
  stacks: [],
  activeStackKey: undefined,
  sliceByStack: {},
  userNavigated: false,
  caseId: undefined,
};

/** The slice to show first: the middle of the stack, where the spine usually is. */
function initialSlice(stack: Stack): number {
  return Math.floor(stack.imageIds.length / 2);
}

export const useStudyStore = create<StudyState>((set, get) => ({
  view: 'viewer',
  generation: 0,
  showIdentifiers: true,
  ...EMPTY,

  setView: (view) => set({ view }),

  beginLoad(label, total, caseId) {
    clearFrameSources();
    const generation = get().generation + 1;
    performance.mark('spinelab:progress-shown');
    set({ ...EMPTY, label, caseId, generation, progress: { done: 0, total }, view: 'viewer' });
    return generation;
  },

  addInstance(generation, instance) {
    const s = get();
    if (generation !== s.generation) return;
    registerFrameSource(instance.key, instance);
    const instances = [...s.instances, instance];
    const stacks = buildStacks(instances);
    const activeStackKey = s.activeStackKey && stacks.some((st) => st.key === s.activeStackKey) ? s.activeStackKey : stacks[0]?.key;
    // Keep the image on screen the same while new slices slot in around it.
    const sliceByStack: Record<string, number> = {};
    for (const stack of stacks) {
      const old = s.stacks.find((o) => o.key === stack.key);
      const shownId = old?.imageIds[s.sliceByStack[stack.key] ?? 0];
      const idx = shownId ? stack.imageIds.indexOf(shownId) : -1;
      sliceByStack[stack.key] = idx >= 0 ? idx : 0;
    }
    set({ instances, stacks, activeStackKey, sliceByStack, progress: s.progress && { ...s.progress, done: s.progress.done + 1 } });
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
    if (!s.userNavigated) for (const stack of s.stacks) sliceByStack[stack.key] = initialSlice(stack);
    performance.mark('spinelab:load-complete');
    set({ progress: null, sliceByStack });
  },

  closeStudy() {
    clearFrameSources();
    set({ ...EMPTY, generation: get().generation + 1 });
  },

  selectStack: (key) => set({ activeStackKey: key }),

  setSlice: (key, index, byUser = true) =>
    set((s) => ({ sliceByStack: { ...s.sliceByStack, [key]: index }, userNavigated: s.userNavigated || byUser })),

  toggleIdentifiers: () => set((s) => ({ showIdentifiers: !s.showIdentifiers })),
}));
