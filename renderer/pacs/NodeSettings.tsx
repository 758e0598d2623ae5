import { useState } from 'react';
import { nodeInputProblem, type PacsNode, type PacsNodeInput } from '../../shared/pacs/nodes';
import { platform } from '../platform';
import { usePacsStore } from './pacs-store';

type Draft = {
  id?: string;
  kind: 'dicomweb' | 'dimse';
  name: string;
  baseUrl: string;
  auth: 'none' | 'basic' | 'bearer';
  username: string;
  secret: string;
  hasSecret: boolean;
  aeTitle: string;
  host: string;
  port: string;
  localAeTitle: string;
  localPort: string;
  retrieveBy: 'c-get' | 'c-move';
};

const EMPTY: Draft = {
  kind: 'dicomweb',
  name: '',
  baseUrl: 'http://127.0.0.1:8042/dicom-web',
  auth: 'none',
  username: '',
  secret: '',
  hasSecret: false,
  aeTitle: 'ORTHANC',
  host: '127.0.0.1',
  port: '4242',
  localAeTitle: 'SPINELAB',
  localPort: '11112',
  retrieveBy: 'c-get',
};

function draftOf(node: PacsNode): Draft {
  return node.kind === 'dicomweb'
    ? { ...EMPTY, id: node.id, kind: 'dicomweb', name: node.name, baseUrl: node.baseUrl, auth: node.auth, username: node.username ?? '', hasSecret: node.hasSecret }
    : { ...EMPTY, id: node.id, kind: 'dimse', name: node.name, aeTitle: node.aeTitle, host: node.host, port: String(node.port), localAeTitle: node.localAeTitle, localPort: String(node.localPort), retrieveBy: node.retrieveBy };
}

function inputOf(d: Draft): PacsNodeInput {
  const id = d.id ? { id: d.id } : {};
  if (d.kind === 'dicomweb') {
    return { ...id, kind: 'dicomweb', name: d.name.trim(), baseUrl: d.baseUrl.trim(), auth: d.auth, ...(d.auth === 'basic' ? { username: d.username } : {}), ...(d.auth !== 'none' && d.secret ? { secret: d.secret } : {}) };
  }
  return { ...id, kind: 'dimse', name: d.name.trim(), aeTitle: d.aeTitle.trim(), host: d.host.trim(), port: Number(d.port), localAeTitle: d.localAeTitle.trim(), localPort: Number(d.localPort), retrieveBy: d.retrieveBy };
}

export function describeNode(node: PacsNode): string {
  return node.kind === 'dicomweb'
    ? `DICOMweb · ${node.baseUrl}${node.auth === 'none' ? '' : ` · ${node.auth === 'basic' ? 'basic' : 'token'}${node.hasSecret ? ' (kept)' : ''}`}`
    : `DIMSE · ${node.aeTitle}@${node.host}:${node.port} · us ${node.localAeTitle}:${node.localPort} · ${node.retrieveBy.toUpperCase()}`;
}

/** Servers: list with test / edit / remove, and one form to add or edit. Secrets are typed here and never shown back. */
export function NodeSettings() {
  const nodes = usePacsStore((s) => s.nodes);
  const refresh = usePacsStore((s) => s.refreshNodes);
  const [draft, setDraft] = useState<Draft | undefined>();
  const [echo, setEcho] = useState<Record<string, { ok: boolean; text: string }>>({});
  const [formError, setFormError] = useState<string>();
  const set = (patch: Partial<Draft>) => setDraft((d) => (d ? { ...d, ...patch } : d));

  async function test(node: PacsNode) {
    setEcho((e) => ({ ...e, [node.id]: { ok: true, text: 'Testing…' } }));
    try {
      const text = await platform.api.pacsEcho(node.id);
      setEcho((e) => ({ ...e, [node.id]: { ok: true, text } }));
    } catch (err) {
      setEcho((e) => ({ ...e, [node.id]: { ok: false, text: err instanceof Error ? err.message : String(err) } }));
    }
  }

  async function save(e: React.FormEvent) {
    e.preventDefault();
    if (!draft) return;
    const input = inputOf(draft);
    const problem = nodeInputProblem(input);
    if (problem) return setFormError(problem);
    try {
      await platform.api.pacsSaveNode(input);
      setDraft(undefined);
      setFormError(undefined);
      await refresh();
    } catch (err) {
      setFormError(err instanceof Error ? err.message : String(err));
    }
  }

  return (
    <section className="pacs-section" aria-labelledby="pacs-servers-title">
      <h2 id="pacs-servers-title" className="panel-title">
        Servers
      </h2>
      {nodes.length === 0 && <p className="panel-empty">No server yet. The app works without one; add a PACS to search and retrieve studies.</p>}
      <ul className="pacs-nodes">
        {nodes.map((node) => (
          <li key={node.id} className="pacs-node" data-testid="pacs-node">
            <div>
              <strong>{node.name}</strong>
              <div className="series-meta">{describeNode(node)}</div>
              {echo[node.id]?.text && (
                <div role="status" className={echo[node.id].ok ? 'pacs-ok' : 'pacs-error'} data-testid="pacs-echo-result">
                  {echo[node.id].ok ? '✓ ' : '✗ '}
                  {echo[node.id].text}
                </div>
              )}
            </div>
            <div className="pacs-node-actions">
              <button type="button" className="button" onClick={() => void test(node)}>
                Test
              </button>
              <button type="button" className="button" onClick={() => (setDraft(draftOf(node)), setFormError(undefined))}>
                Edit
              </button>
              <button
                type="button"
                className="button button-warn"
                onClick={() => {
                  if (window.confirm(`Remove ${node.name} from the list?`)) void platform.api.pacsRemoveNode(node.id).then(refresh);
                }}
              >
                Remove
              </button>
            </div>
          </li>
        ))}
      </ul>
      {!draft && (
        <button type="button" className="button button-primary" onClick={() => (setDraft({ ...EMPTY }), setFormError(undefined))} data-testid="pacs-add">
          Add server…
        </button>
      )}
      {draft && (
        <form className="pacs-form" onSubmit={(e) => void save(e)} aria-label={draft.id ? 'Edit server' : 'Add server'}>
          <div className="segmented" role="radiogroup" aria-label="Protocol">
            {(['dicomweb', 'dimse'] as const).map((k) => (
              <label key={k} className="field-inline">
                <input type="radio" name="kind" checked={draft.kind === k} onChange={() => set({ kind: k })} disabled={draft.id !== undefined} />
                {k === 'dicomweb' ? 'DICOMweb' : 'DIMSE (DICOM network)'}
              </label>
            ))}
          </div>
          <label className="field">
            Name
            <input className="input" value={draft.name} onChange={(e) => set({ name: e.target.value })} required maxLength={64} />
          </label>
          {draft.kind === 'dicomweb' ? (
            <>
              <label className="field">
                Base URL (QIDO-RS, WADO-RS and STOW-RS below it)
                <input className="input" value={draft.baseUrl} onChange={(e) => set({ baseUrl: e.target.value })} required type="url" />
              </label>
              <label className="field">
                Authentication
                <select className="select" value={draft.auth} onChange={(e) => set({ auth: e.target.value as Draft['auth'] })}>
                  <option value="none">None</option>
                  <option value="basic">Basic (user name and password)</option>
                  <option value="bearer">Bearer token</option>
                </select>
              </label>
              {draft.auth === 'basic' && (
                <label className="field">
                  User name
                  <input className="input" value={draft.username} onChange={(e) => set({ username: e.target.value })} autoComplete="off" />
                </label>
              )}
              {draft.auth !== 'none' && (
                <label className="field">
                  {draft.auth === 'basic' ? 'Password' : 'Token'}
                  <input
                    className="input"
                    type="password"
                    value={draft.secret}
                    onChange={(e) => set({ secret: e.target.value })}
                    autoComplete="off"
                    placeholder={draft.hasSecret ? 'kept — type to replace' : ''}
                  />
                </label>
              )}
            </>
          ) : (
            <>
              <label className="field">
                Server AE title
                <input className="input" value={draft.aeTitle} onChange={(e) => set({ aeTitle: e.target.value })} maxLength={16} required />
              </label>
              <label className="field">
                Host
                <input className="input" value={draft.host} onChange={(e) => set({ host: e.target.value })} required />
              </label>
              <label className="field">
                Port
                <input className="input input-number" value={draft.port} onChange={(e) => set({ port: e.target.value })} inputMode="numeric" required />
              </label>
              <label className="field">
                Our AE title
                <input className="input" value={draft.localAeTitle} onChange={(e) => set({ localAeTitle: e.target.value })} maxLength={16} required />
              </label>
              <label className="field">
                Our port (C-MOVE destination)
                <input className="input input-number" value={draft.localPort} onChange={(e) => set({ localPort: e.target.value })} inputMode="numeric" required />
              </label>
              <label className="field">
                Retrieve by
                <select className="select" value={draft.retrieveBy} onChange={(e) => set({ retrieveBy: e.target.value as Draft['retrieveBy'] })}>
                  <option value="c-get">C-GET (one connection)</option>
                  <option value="c-move">C-MOVE (the server sends to our port)</option>
                </select>
              </label>
            </>
          )}
          {formError && (
            <p className="pacs-error" role="alert">
              {formError}
            </p>
          )}
          <div className="modal-actions">
            <button type="submit" className="button button-primary">
              Save
            </button>
            <button type="button" className="button" onClick={() => setDraft(undefined)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
