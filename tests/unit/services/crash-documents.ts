/** The two documents the crash test's child saves in turn; the parent must find exactly one of them. */
import type { StudyAnnotations } from '../../../shared/model/types';
import { IMAGE_PLANE, STUDY_UID, wedgePoints } from '../model/sample-document';

/** Large enough (hundreds of kB) that a kill often lands inside a write. */
export function crashDocument(variant: 'a' | 'b'): StudyAnnotations {
  return {
    schemaVersion: 1,
    studyInstanceUid: STUDY_UID,
    updatedAt: variant === 'a' ? '2025-01-01T00:00:00.000Z' : '2025-01-01T00:00:01.000Z',
    annotations: Array.from({ length: variant === 'a' ? 600 : 700 }, (_, i) => ({
      id: `${variant}-${i}`,
      type: 'vertebra' as const,
      createdAt: '2025-01-01T00:00:00.000Z',
      plane: IMAGE_PLANE,
      level: 'L1' as const,
      points: wedgePoints(i, variant === 'a' ? 20 : 25),
    })),
  };
}
