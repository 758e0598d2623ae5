import { mkdtempSync, promises as fs, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createPacsNodeStore } from '../../../electron/services/pacs/node-store';

describe('PACS node store on disk', () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-node-store-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes through the atomic writer: private folder, a killed writer\'s temp file swept, concurrent saves all kept', async () => {
    const folder = path.join(dir, 'pacs');
    const file = path.join(folder, 'nodes.json');
    await fs.mkdir(folder, { recursive: true });
    const orphan = `${file}.0123456789abcdef.tmp`;
    await fs.writeFile(orphan, '[{"half');
    const store = createPacsNodeStore(file);
    await Promise.all(
      ['A', 'B', 'C', 'D'].map((name, i) =>
        store.save({ kind: 'dimse', name, aeTitle: 'ORTHANC', host: '127.0.0.1', port: 4242 + i, localAeTitle: 'SPINELAB', localPort: 11112, retrieveBy: 'c-get' }),
      ),
    );
    expect((await store.list()).map((n) => n.name).sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(await fs.readdir(folder)).toEqual(['nodes.json']);
    expect(JSON.parse(await fs.readFile(file, 'utf8'))).toHaveLength(4);
  });

  it('creates the folder readable by the user alone, since it holds passwords and tokens', async () => {
    const file = path.join(dir, 'fresh', 'nodes.json');
    await createPacsNodeStore(file).save({ kind: 'dicomweb', name: 'W', baseUrl: 'http://127.0.0.1:1/dicom-web', auth: 'bearer', secret: 't' });
    expect(statSync(path.dirname(file)).mode & 0o777).toBe(0o700);
  });
});
