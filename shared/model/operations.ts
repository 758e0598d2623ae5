/**
 * Edits to an annotation document as pure functions: each returns a new document and leaves its input
 * untouched, so that undo and redo are just keeping the old documents (history.ts).
 */
import { SCHEMA_VERSION, type Annotation, type PatientPosition, type StudyAnnotations } from './types';

export function createStudyAnnotations(studyInstanceUid: string, now: Date): StudyAnnotations {
  return { schemaVersion: SCHEMA_VERSION, studyInstanceUid, updatedAt: now.toISOString(), annotations: [] };
}

function withAnnotations(doc: StudyAnnotations, annotations: readonly Annotation[], now: Date): StudyAnnotations {
  return { ...doc, annotations, updatedAt: now.toISOString() };
}

export function addAnnotation(doc: StudyAnnotations, annotation: Annotation, now: Date): StudyAnnotations {
  if (doc.annotations.some((a) => a.id === annotation.id)) {
    throw new Error(`Annotation "${annotation.id}" already exists in study ${doc.studyInstanceUid}`);
  }
  return withAnnotations(doc, [...doc.annotations, annotation], now);
}

/** Replaces the annotation with the same id. Its type cannot change: a different tool makes a new one. */
export function updateAnnotation(doc: StudyAnnotations, replacement: Annotation, now: Date): StudyAnnotations {
  const existing = doc.annotations.find((a) => a.id === replacement.id);
  if (!existing) throw new Error(`Annotation "${replacement.id}" is not in study ${doc.studyInstanceUid}`);
  if (existing.type !== replacement.type) {
    throw new Error(`Annotation "${replacement.id}" is a ${existing.type}; it cannot become a ${replacement.type}`);
  }
  return withAnnotations(doc, doc.annotations.map((a) => (a.id === replacement.id ? replacement : a)), now);
}

/**
 * Removes an annotation, and with a vertebra every Cobb angle that follows one of its endplates: such an
 * angle has no line left to measure. Undo brings them back together. Unknown ids change nothing.
 */
export function removeAnnotation(doc: StudyAnnotations, id: string, now: Date): StudyAnnotations {
  if (!doc.annotations.some((a) => a.id === id)) return doc;
  const followsRemoved = (a: Annotation) => a.type === 'cobb' && a.lines.some((l) => l.kind === 'endplate' && l.annotationId === id);
  return withAnnotations(doc, doc.annotations.filter((a) => a.id !== id && !followsRemoved(a)), now);
}

export function setPatientPosition(doc: StudyAnnotations, patientPosition: PatientPosition, now: Date): StudyAnnotations {
  return { ...doc, patientPosition, updatedAt: now.toISOString() };
}
