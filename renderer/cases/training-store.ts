import { create } from 'zustand';
import { readCaseDetails, type CaseDetails } from '../../shared/training/case-truth';
import type { Score } from '../../shared/training/score';
import { platform } from '../platform';

/** Scores kept on this computer, per case: the trainee's progress across the course. */
export interface CaseProgress {
  readonly attempts: number;
  readonly bestPercent: number;
  readonly lastPercent: number;
  readonly lastAt: string;
}

const PROGRESS_KEY = 'spinelab.training-progress.v1';

function readProgress(): Record<string, CaseProgress> {
  try {
    const parsed: unknown = JSON.parse(localStorage.getItem(PROGRESS_KEY) ?? '{}');
    return typeof parsed === 'object' && parsed !== null ? (parsed as Record<string, CaseProgress>) : {};
  } catch {
    return {};
  }
}

export interface TrainingState {
  details: CaseDetails | null;
  showAnswer: boolean;
  score: Score | null;
  progress: Record<string, CaseProgress>;
  load(caseId: string | undefined): Promise<void>;
  toggleAnswer(): void;
  recordScore(caseId: string, score: Score): void;
}

export const useTrainingStore = create<TrainingState>((set, get) => ({
  details: null,
  showAnswer: false,
  score: null,
  progress: readProgress(),

  async load(caseId) {
    if (!caseId) return set({ details: null, showAnswer: false, score: null });
    if (get().details?.id === caseId) return;
    const raw = await platform.api.sampleCaseDetails(caseId).catch(() => null);
    set({ details: raw ? readCaseDetails(raw) : null, showAnswer: false, score: null });
  },

  toggleAnswer: () => set((s) => ({ showAnswer: !s.showAnswer })),

  recordScore(caseId, score) {
    const old = get().progress[caseId];
    const entry: CaseProgress = {
      attempts: (old?.attempts ?? 0) + 1,
      bestPercent: Math.max(old?.bestPercent ?? 0, score.percent),
      lastPercent: score.percent,
      lastAt: new Date().toISOString(),
    };
    const progress = { ...get().progress, [caseId]: entry };
    localStorage.setItem(PROGRESS_KEY, JSON.stringify(progress));
    set({ progress, score });
  },
}));
