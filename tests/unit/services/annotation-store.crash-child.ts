/**
 * Child process of the SIGKILL test: saves two documents in turn, for ever, until it is killed.
 * Prints "ready" once the first save is complete, so every kill happens with a complete file on disk.
 */
import { createAnnotationStore } from '../../../electron/services/annotation-store';
import { crashDocument } from './crash-documents';

const [dir] = process.argv.slice(2);
const store = createAnnotationStore({ dir });
const documents = [crashDocument('a'), crashDocument('b')];

for (let i = 0; ; i++) {
  const result = await store.save(documents[i % 2]);
  if (!result.ok) throw new Error(result.errors.join('\n'));
  if (i === 0) process.stdout.write('ready\n');
}
