import type { LoadedAnnotations } from '../../shared/api';
import { createAnnotationStore, type SaveResult, type StoreNotice } from './annotation-store';
import { HostError } from './host-error';
import type { AnnotationStorage } from './host-api';

function describe(notice: StoreNotice): string {
  switch (notice.kind) {
    case 'recovered-from-backup':
      return 'The saved measurements were damaged; the previous save was restored.';
    case 'corrupt-set-aside':
      return `The saved measurements could not be read (${notice.reason}); the file was set aside, not deleted.`;
    case 'opened-read-only':
      return 'These measurements were saved by a newer version of SpineLab: they are shown read-only.';
    case 'migrated':
      return 'Measurements saved by an older version were upgraded; the original file was kept.';
  }
}

function refusal(saved: Extract<SaveResult, { ok: false }>): string {
  switch (saved.reason) {
    case 'invalid':
      return `The measurements could not be saved: ${saved.errors.slice(0, 3).join('; ')}`;
    case 'other-study':
      return 'The measurements belong to another study';
    case 'read-only':
      return 'These measurements are read-only';
  }
}

/** The annotation store as the host API speaks of it: plain messages; the store validates documents. */
export function createAnnotationStorage(dir: string): AnnotationStorage {
  const store = createAnnotationStore({ dir });
  return {
    async load(studyInstanceUid): Promise<LoadedAnnotations> {
      const result = await store.load(studyInstanceUid);
      const notice = result.notices.map(describe).join(' ') || undefined;
      return { document: result.document, readOnly: result.readOnly, notice };
    },
    async save(studyInstanceUid, document) {
      const saved = await store.save(document, studyInstanceUid);
      if (!saved.ok) throw new HostError('refused', refusal(saved));
    },
  };
}
