import { useEffect, useState, type KeyboardEvent } from 'react';
import { groupByPatient, instanceCount, type PacsPatientResult, type PacsQuery, type PacsStudyResult } from '../../shared/pacs/query';
import { useStudyStore } from '../app/study-store';
import { platform } from '../platform';
import { formatPersonName } from '../viewer/dicom-text';
import { NodeSettings } from './NodeSettings';
import { usePacsStore } from './pacs-store';
import { retrieveIntoViewer } from './retrieve';
import './pacs.css';

const MODALITIES = ['', 'CT', 'MR', 'CR', 'DX', 'SR'];

/** DICOM DA (YYYYMMDD) as an ISO date for display. */
const isoDate = (da: string) => (/^\d{8}$/.test(da) ? `${da.slice(0, 4)}-${da.slice(4, 6)}-${da.slice(6)}` : da || 'no date');

const ROW = '[data-pacs-row]';

/** Result-list keys: ↑/↓ step through patient, study and series rows in screen order, Home/End jump to the ends. */
function moveThroughRows(e: KeyboardEvent<HTMLElement>) {
  if (!['ArrowDown', 'ArrowUp', 'Home', 'End'].includes(e.key) || e.altKey || e.ctrlKey || e.metaKey) return;
  const rows = [...e.currentTarget.querySelectorAll<HTMLElement>(ROW)];
  const here = rows.indexOf((e.target as HTMLElement).closest<HTMLElement>(ROW) as HTMLElement);
  const next = e.key === 'Home' ? 0 : e.key === 'End' ? rows.length - 1 : Math.min(rows.length - 1, Math.max(0, here + (e.key === 'ArrowDown' ? 1 : -1)));
  // The app's keymap also reads arrows (next/previous image): inside the list they belong to the list.
  e.preventDefault();
  e.stopPropagation();
  rows[next]?.focus();
}

/** Enter on a row itself (not on a button inside it, which clicks as buttons do) retrieves what the row shows. */
const onEnter = (action: () => void) => (e: KeyboardEvent<HTMLElement>) => {
  if (e.key !== 'Enter' || e.target !== e.currentTarget) return;
  e.preventDefault();
  e.stopPropagation();
  action();
};

/** The PACS screen: servers, a search form, and results as patient → study → series with retrieve buttons. */
export function PacsScreen() {
  const nodes = usePacsStore((s) => s.nodes);
  const selectedId = usePacsStore((s) => s.selectedId);
  const select = usePacsStore((s) => s.select);
  const refresh = usePacsStore((s) => s.refreshNodes);
  const busy = usePacsStore((s) => s.retrieve?.status.state === 'running');
  const showIdentifiers = useStudyStore((s) => s.showIdentifiers);
  const alsoStorePdf = usePacsStore((s) => s.alsoStorePdf);
  const setAlsoStorePdf = usePacsStore((s) => s.setAlsoStorePdf);
  const [query, setQuery] = useState<PacsQuery>({});
  const [results, setResults] = useState<PacsPatientResult[]>();
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string>();
  /** The result row that Tab enters the list at: the one focused last, else the first (a roving tabindex). */
  const [activeRow, setActiveRow] = useState<string>();

  useEffect(() => {
    void refresh().catch(() => setError('The list of servers could not be read'));
  }, [refresh]);

  async function search(e: React.FormEvent) {
    e.preventDefault();
    if (!selectedId) return;
    setSearching(true);
    setError(undefined);
    try {
      setResults(groupByPatient(await platform.api.pacsSearch(selectedId, query)));
      setActiveRow(undefined);
    } catch (err) {
      setResults(undefined);
      setError(err instanceof Error ? err.message : String(err));
    } finally {
      setSearching(false);
    }
  }

  const retrieve = (study: PacsStudyResult, seriesInstanceUid?: string) => {
    if (!selectedId) return;
    const label = `${showIdentifiers ? formatPersonName(study.patientName) || study.patientId : 'Study'} · ${study.description || isoDate(study.studyDate)}`;
    setError(undefined);
    retrieveIntoViewer(selectedId, { studyInstanceUid: study.studyInstanceUid, ...(seriesInstanceUid ? { seriesInstanceUid } : {}) }, label).catch((err: unknown) =>
      setError(err instanceof Error ? err.message : String(err)),
    );
  };

  const rowProps = (key: string, kind: 'patient' | 'study' | 'series', first: boolean) => ({
    'data-pacs-row': kind,
    tabIndex: (activeRow === undefined ? first : activeRow === key) ? 0 : -1,
    onFocus: (e: React.FocusEvent) => e.target === e.currentTarget && setActiveRow(key),
  });

  const field = (key: keyof PacsQuery, label: string, type = 'text') => (
    <label className="field">
      {label}
      <input className="input" type={type} value={query[key] ?? ''} onChange={(e) => setQuery((q) => ({ ...q, [key]: e.target.value }))} name={key} />
    </label>
  );

  return (
    <div className="pacs-screen" data-testid="pacs-screen">
      <aside className="side-panel pacs-side">
        <NodeSettings />
        <h2 className="panel-title">Store back</h2>
        <label className="field-inline">
          <input type="checkbox" checked={alsoStorePdf} onChange={(e) => setAlsoStorePdf(e.target.checked)} data-testid="pacs-also-pdf" />
          With “SR to PACS”, also store the report PDF (as Encapsulated PDF in the same study)
        </label>
      </aside>
      <section className="pacs-main" aria-labelledby="pacs-search-title">
        <h2 id="pacs-search-title" className="panel-title">
          Search
        </h2>
        <form className="pacs-search" onSubmit={(e) => void search(e)} aria-label="Search the PACS">
          <label className="field">
            Server
            <select className="select" value={selectedId ?? ''} onChange={(e) => select(e.target.value || undefined)} disabled={nodes.length === 0}>
              {nodes.length === 0 && <option value="">No server configured</option>}
              {nodes.map((n) => (
                <option key={n.id} value={n.id}>
                  {n.name}
                </option>
              ))}
            </select>
          </label>
          {field('patientName', 'Patient name')}
          {field('patientId', 'Patient ID')}
          {field('dateFrom', 'Study date from', 'date')}
          {field('dateTo', 'to', 'date')}
          <label className="field">
            Modality
            <select className="select" value={query.modality ?? ''} onChange={(e) => setQuery((q) => ({ ...q, modality: e.target.value }))} name="modality">
              {MODALITIES.map((m) => (
                <option key={m} value={m}>
                  {m || 'Any'}
                </option>
              ))}
            </select>
          </label>
          {field('accession', 'Accession number')}
          {field('description', 'Study description')}
          <div className="pacs-search-actions">
            <button type="submit" className="button button-primary" disabled={!selectedId || searching}>
              {searching ? 'Searching…' : 'Search'}
            </button>
            <button type="button" className="button" onClick={() => (setQuery({}), setResults(undefined))}>
              Clear
            </button>
          </div>
        </form>
        {error && (
          <p className="pacs-error" role="alert" data-testid="pacs-error">
            {error}
          </p>
        )}
        {results && results.length === 0 && <p className="panel-empty">No study matches.</p>}
        {results && results.length > 0 && (
          <>
            <p className="results-footnote">↑ ↓ move through patients, studies and series; Enter retrieves the study or series.</p>
            <ul className="pacs-results" aria-label="Search results" data-testid="pacs-results" onKeyDown={moveThroughRows}>
              {results.map((p, pi) => (
                <li key={`${p.patientId}|${p.patientName}`} className="pacs-patient">
                  <div className="pacs-patient-title" {...rowProps(`p|${p.patientId}|${p.patientName}`, 'patient', pi === 0)}>
                    {showIdentifiers ? `${formatPersonName(p.patientName) || 'No name'} · ${p.patientId || 'no ID'}` : 'Patient (identifiers hidden)'} · {p.studies.length} stud
                    {p.studies.length === 1 ? 'y' : 'ies'}
                  </div>
                  <ul>
                    {p.studies.map((s) => (
                      <li key={s.studyInstanceUid} className="pacs-study" data-testid="pacs-study">
                        <div className="pacs-row" {...rowProps(s.studyInstanceUid, 'study', false)} onKeyDown={onEnter(() => !busy && retrieve(s))}>
                          <span>
                            <strong>{s.description || 'No description'}</strong> · {isoDate(s.studyDate)} · {s.modalities.join('/') || '—'}
                            {s.accession && ` · Acc. ${s.accession}`} · {s.series.length} series, {instanceCount(s)} images
                          </span>
                          <button type="button" className="button" onClick={() => retrieve(s)} disabled={busy} data-testid="pacs-retrieve-study">
                            Retrieve study
                          </button>
                        </div>
                        <ul>
                          {s.series.map((se) => (
                            <li
                              key={se.seriesInstanceUid}
                              className="pacs-row pacs-series"
                              {...rowProps(se.seriesInstanceUid, 'series', false)}
                              onKeyDown={onEnter(() => !busy && retrieve(s, se.seriesInstanceUid))}
                            >
                              <span>
                                {se.modality} · {se.description || 'No description'} · {se.instanceCount} image{se.instanceCount === 1 ? '' : 's'}
                              </span>
                              <button type="button" className="button" onClick={() => retrieve(s, se.seriesInstanceUid)} disabled={busy}>
                                Retrieve series
                              </button>
                            </li>
                          ))}
                        </ul>
                      </li>
                    ))}
                  </ul>
                </li>
              ))}
            </ul>
          </>
        )}
      </section>
    </div>
  );
}
