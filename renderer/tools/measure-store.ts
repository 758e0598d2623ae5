import { create } from 'zustand';
import { levelAbove, levelBelow } from '../../shared/measure/levels';
import { MEASUREMENTS, MEASUREMENT_LIST, assemble, type MeasurementTool } from '../../shared/measure/definitions';
import type { AnnotationFields, MeasurementDefinition } from '../../shared/measure/definitions/definition';
import { SIX_POINT_NAMES } from '../../shared/measure/six-points';
import type { SixPoints, Vec2, VertebralLevel } from '../../shared/measure/types';
import { createAutosave, type Autosave } from '../../shared/model/autosave';
import { createHistory, recordState, redo, undo, type History } from '../../shared/model/history';
import { migrate } from '../../shared/model/migrate';
import { samePlane } from '../../shared/model/plane';
import { addAnnotation, createStudyAnnotations, removeAnnotation, setPatientPosition, updateAnnotation } from '../../shared/model/operations';
import type { Annotation, AnnotationPlane, AnnotationType, CobbLine, PatientPosition, StudyAnnotations } from '../../shared/model/types';
import { platform } from '../platform';

export type ToolName = 'navigate' | MeasurementTool;

/** The definition whose tool this is; undefined while navigating. */
export function definitionOfTool(tool: ToolName): MeasurementDefinition<AnnotationType> | undefined {
  return MEASUREMENT_LIST.find((d) => d.tool.name === tool);
}

export interface Draft {
  readonly tool: MeasurementTool;
  readonly plane: AnnotationPlane;
  readonly points: readonly Vec2[];
  /** Cobb lines already chosen from existing endplates. */
  readonly cobbLines: readonly CobbLine[];
}

/**
 * Six points the software proposed (one click on CT, or the reader's rough points snapped to the cortex on
 * a radiograph or MR). Shown as a draft: nothing is the reader's measurement until accepted (Enter).
 */
export interface Proposal {
  readonly plane: AnnotationPlane;
  readonly points: SixPoints;
  readonly level: VertebralLevel;
  readonly source: 'one-click' | 'snapped';
  /** The reader's own clicks before snapping, so the move shows. */
  readonly rough?: SixPoints;
  /** Plain words for the reader: confidence, warnings, how far points moved. */
  readonly detail: string;
}

export interface PendingCalibration {
  readonly plane: AnnotationPlane;
  readonly points: readonly [Vec2, Vec2];
}

interface StudyEntry {
  history: History<StudyAnnotations>;
  readOnly: boolean;
}

export interface MeasureState {
  tool: ToolName;
  draft: Draft | null;
  pendingCalibration: PendingCalibration | null;
  nextLevel: VertebralLevel;
  levelStep: 'down' | 'up';
  selectedId: string | null;
  studies: Readonly<Record<string, StudyEntry>>;
  /** Assisted placement on: one-click proposals on CT, edge snapping on radiographs and MR. */
  assist: boolean;
  proposal: Proposal | null;
  saveError: string | null;
  notice: string | null;

  openStudy(studyInstanceUid: string): Promise<void>;
  reset(): void;
  setTool(tool: ToolName): void;
  setNextLevel(level: VertebralLevel): void;
  setLevelStep(step: 'down' | 'up'): void;
  addPoint(studyInstanceUid: string, plane: AnnotationPlane, point: Vec2): void;
  addCobbEndplate(studyInstanceUid: string, plane: AnnotationPlane, line: CobbLine): void;
  cancelDraft(): void;
  toggleAssist(): void;
  propose(proposal: Omit<Proposal, 'level'>): void;
  moveProposalPoint(role: keyof SixPoints, point: Vec2): void;
  acceptProposal(studyInstanceUid: string): void;
  /** Adds a vertebra the reader accepted from a proposal they did not draft (a screening of the spine). */
  acceptVertebra(studyInstanceUid: string, plane: AnnotationPlane, level: VertebralLevel, points: SixPoints): void;
  /** Gives a finished vertebra another level; refused (with a notice) when that level is already measured on its plane. */
  relabel(studyInstanceUid: string, id: string, level: VertebralLevel): void;
  confirmCalibration(studyInstanceUid: string, knownLengthMm: number): void;
  replace(studyInstanceUid: string, annotation: Annotation, record?: boolean): void;
  commitDrag(studyInstanceUid: string, before: StudyAnnotations): void;
  remove(studyInstanceUid: string, id: string): void;
  select(id: string | null): void;
  undo(studyInstanceUid: string): void;
  redo(studyInstanceUid: string): void;
  setPosition(studyInstanceUid: string, position: PatientPosition): void;
  importDocument(doc: StudyAnnotations): Promise<void>;
}

const now = () => new Date();
let idCounter = 0;
const newId = () => `a${Date.now().toString(36)}${(idCounter++).toString(36)}`;

const autosaves = new Map<string, Autosave<StudyAnnotations>>();
function autosaveFor(uid: string): Autosave<StudyAnnotations> {
  let a = autosaves.get(uid);
  if (!a) {
    a = createAutosave<StudyAnnotations>({
      save: (doc) => platform.api.saveAnnotations(uid, doc).then(() => useMeasureStore.setState({ saveError: null })),
      onError: (e) => useMeasureStore.setState({ saveError: e instanceof Error ? e.message : String(e) }),
    });
    autosaves.set(uid, a);
  }
  return a;
}

/** Saves every pending change now (before export, close or reload). */
export async function flushAutosaves(): Promise<void> {
  await Promise.all([...autosaves.values()].map((a) => a.flush()));
}


export const useMeasureStore = create<MeasureState>((set, get) => {
  /** Applies an edit to a study's document, records it for undo and schedules the autosave. */
  function edit(uid: string, change: (doc: StudyAnnotations) => StudyAnnotations, record = true): void {
    const entry = get().studies[uid] ?? { history: createHistory(createStudyAnnotations(uid, now())), readOnly: false };
    if (entry.readOnly) {
      set({ notice: 'These measurements are read-only (saved by a newer version).' });
      return;
    }
    const next = change(entry.history.present);
    const history = record ? recordState(entry.history, next) : { ...entry.history, present: next };
    set({ studies: { ...get().studies, [uid]: { ...entry, history } } });
    autosaveFor(uid).schedule(next);
  }

  /**
   * Adds what a definition built on a plane, in place of the annotation it replaces there (one vertebra
   * per level, one calibration per image); selects it.
   */
  function place<T extends AnnotationType>(uid: string, definition: MeasurementDefinition<T>, plane: AnnotationPlane, fields: AnnotationFields<T>): Annotation {
    const made: Annotation = assemble(definition.type, { id: newId(), createdAt: now().toISOString(), plane }, fields);
    const { replaces } = definition;
    const onPlane = (doc: StudyAnnotations) => (replaces ? doc.annotations.filter((a) => samePlane(a.plane, plane) && replaces.matches(fields, a)) : []);
    const existing = replaces?.inPlace ? onPlane(get().studies[uid]?.history.present ?? createStudyAnnotations(uid, now()))[0] : undefined;
    if (existing) {
      const replacement: Annotation = { ...made, id: existing.id };
      edit(uid, (doc) => updateAnnotation(doc, replacement, now()));
      return replacement;
    }
    edit(uid, (doc) => addAnnotation(onPlane(doc).reduce((d, a) => removeAnnotation(d, a.id, now()), doc), made, now()));
    return made;
  }

  function finishDraft(uid: string, draft: Draft): void {
    const definition = definitionOfTool(draft.tool)!;
    if (definition.asksKnownLength) {
      set({ draft: null, pendingCalibration: { plane: draft.plane, points: [draft.points[0], draft.points[1]] } });
      return;
    }
    const level = get().nextLevel;
    if (definition.takesLevel) stepLevel();
    const added = place(uid, definition, draft.plane, definition.build({ points: draft.points, cobbLines: draft.cobbLines, level }));
    set({ draft: null, selectedId: added.id });
  }

  /** The level after this one, in the reader's chosen direction. */
  function stepLevel(): void {
    const level = get().nextLevel;
    const step = get().levelStep === 'down' ? levelBelow(level) : levelAbove(level);
    if (step) set({ nextLevel: step });
  }

  function pointsStillNeeded(draft: Draft): number {
    return definitionOfTool(draft.tool)!.pointsNeeded - draft.points.length - draft.cobbLines.length * 2;
  }

  return {
    tool: 'navigate',
    draft: null,
    pendingCalibration: null,
    nextLevel: 'T12',
    levelStep: 'down',
    selectedId: null,
    studies: {},
    assist: true,
    proposal: null,
    saveError: null,
    notice: null,

    async openStudy(uid) {
      if (get().studies[uid]) return;
      const loaded = await platform.api.loadAnnotations(uid).catch((e: unknown) => ({
        document: null,
        readOnly: false,
        notice: `Saved measurements could not be loaded: ${e instanceof Error ? e.message : String(e)}`,
      }));
      let doc = createStudyAnnotations(uid, now());
      let readOnly = loaded.readOnly;
      if (loaded.document) {
        const migrated = migrate(loaded.document);
        if (migrated.ok && migrated.document) {
          doc = migrated.document;
          readOnly = readOnly || migrated.readOnly;
        }
      }
      if (get().studies[uid]) return;
      set({ studies: { ...get().studies, [uid]: { history: createHistory(doc), readOnly } }, notice: loaded.notice ?? get().notice });
    },

    reset: () => set({ draft: null, proposal: null, pendingCalibration: null, selectedId: null, studies: {}, notice: null, saveError: null }),

    setTool: (tool) => set({ tool, draft: null, proposal: null }),
    setNextLevel: (nextLevel) => set({ nextLevel }),
    setLevelStep: (levelStep) => set({ levelStep }),

    addPoint(uid, plane, point) {
      const { tool } = get();
      if (tool === 'navigate') return;
      const current = get().draft;
      const draft: Draft =
        current && current.tool === tool && samePlane(current.plane, plane)
          ? { ...current, points: [...current.points, point] }
          : { tool, plane, points: [point], cobbLines: [] };
      if (pointsStillNeeded(draft) <= 0) finishDraft(uid, draft);
      else set({ draft });
    },

    addCobbEndplate(uid, plane, line) {
      const current = get().draft;
      const draft: Draft =
        current && current.tool === 'cobb' && samePlane(current.plane, plane) && current.points.length % 2 === 0
          ? { ...current, cobbLines: [...current.cobbLines, line] }
          : { tool: 'cobb', plane, points: [], cobbLines: [line] };
      if (pointsStillNeeded(draft) <= 0) finishDraft(uid, draft);
      else set({ draft });
    },

    cancelDraft: () => set({ draft: null, proposal: null, pendingCalibration: null }),

    toggleAssist: () => set({ assist: !get().assist, proposal: null }),

    propose: (proposal) => set({ proposal: { ...proposal, level: get().nextLevel }, draft: null }),

    moveProposalPoint(role, point) {
      const { proposal } = get();
      if (proposal) set({ proposal: { ...proposal, points: { ...proposal.points, [role]: point } } });
    },

    acceptProposal(uid) {
      const { proposal } = get();
      if (!proposal) return;
      set({ proposal: null });
      get().acceptVertebra(uid, proposal.plane, proposal.level, proposal.points);
      stepLevel();
    },

    acceptVertebra(uid, plane, level, points) {
      const { vertebra } = MEASUREMENTS;
      const added = place(uid, vertebra, plane, vertebra.build({ points: SIX_POINT_NAMES.map((name) => points[name]), cobbLines: [], level }));
      set({ selectedId: added.id });
    },

    relabel(uid, id, level) {
      const doc = get().studies[uid]?.history.present;
      const annotation = doc?.annotations.find((a) => a.id === id);
      if (!doc || annotation?.type !== 'vertebra' || annotation.level === level) return;
      if (doc.annotations.some((a) => a.type === 'vertebra' && a.level === level && samePlane(a.plane, annotation.plane))) {
        set({ notice: `${level} is already measured on this image: delete or relabel it first.` });
        return;
      }
      edit(uid, (d) => updateAnnotation(d, { ...annotation, level }, now()));
    },

    confirmCalibration(uid, knownLengthMm) {
      const pending = get().pendingCalibration;
      if (!pending || !(knownLengthMm > 0)) return;
      const { calibration } = MEASUREMENTS;
      place(uid, calibration, pending.plane, calibration.build({ points: pending.points, cobbLines: [], level: get().nextLevel, knownLengthMm }));
      set({ pendingCalibration: null, tool: 'navigate' });
    },

    replace(uid, annotation, record = true) {
      edit(uid, (doc) => updateAnnotation(doc, annotation, now()), record);
    },

    commitDrag(uid, before) {
      const entry = get().studies[uid];
      if (!entry || entry.history.present === before) return;
      const history = recordState({ ...entry.history, present: before }, entry.history.present);
      set({ studies: { ...get().studies, [uid]: { ...entry, history } } });
    },

    remove(uid, id) {
      edit(uid, (doc) => removeAnnotation(doc, id, now()));
      if (get().selectedId === id) set({ selectedId: null });
    },

    select: (selectedId) => set({ selectedId }),

    undo(uid) {
      const entry = get().studies[uid];
      if (!entry || entry.readOnly) return;
      const history = undo(entry.history);
      set({ studies: { ...get().studies, [uid]: { ...entry, history } }, draft: null });
      autosaveFor(uid).schedule(history.present);
    },

    redo(uid) {
      const entry = get().studies[uid];
      if (!entry || entry.readOnly) return;
      const history = redo(entry.history);
      set({ studies: { ...get().studies, [uid]: { ...entry, history } } });
      autosaveFor(uid).schedule(history.present);
    },

    setPosition(uid, position) {
      edit(uid, (doc) => setPatientPosition(doc, position, now()));
    },

    async importDocument(imported) {
      const uid = imported.studyInstanceUid;
      await get().openStudy(uid);
      // Measurements from a report join what is already there; one already present is not doubled.
      edit(uid, (doc) =>
        imported.annotations.reduce((d, a) => (d.annotations.some((x) => x.id === a.id) ? d : addAnnotation(d, a, now())), doc),
      );
      set({ notice: `${imported.annotations.length} measurement${imported.annotations.length === 1 ? '' : 's'} restored from a SpineLab report.` });
    },
  };
});

export function documentFor(state: MeasureState, uid: string | undefined): StudyAnnotations | undefined {
  return uid ? state.studies[uid]?.history.present : undefined;
}
