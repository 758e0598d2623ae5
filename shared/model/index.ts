/** Public API of the annotation model: the document, its planes, validation, migration and edits. */
export type * from './types';
export { SCHEMA_VERSION } from './types';
export { annotationsOnPlane, isSameReformat, patientPointOf, planeKey, planeNormal, planePointOf } from './plane';
export {
  VALIDATION_LIMITS,
  validateLeniently,
  validateStudyAnnotations,
  type LenientValidation,
  type Validation,
  type ValidationMode,
} from './validate';
export { migrate, type MigrationResult } from './migrate';
export { addAnnotation, createStudyAnnotations, removeAnnotation, setPatientPosition, updateAnnotation } from './operations';
export { DEFAULT_HISTORY_LIMIT, canRedo, canUndo, createHistory, recordState, redo, undo, type History } from './history';
export { AUTOSAVE_DELAY_MS, createAutosave, type Autosave, type AutosaveOptions, type Timers } from './autosave';
