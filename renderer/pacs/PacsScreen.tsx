import { useEffect, useState } from 'react';
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
          <ul className="pacs-results" aria-label="Search results" data-testid="pacs-results">
            {results.map((p) => (
              <li key={`${p.patientId}|${p.patientName}`} className="pacs-patient">
                <div className="pacs-patient-title">
                  {showIdentifiers ? `${formatPersonName(p.patientName) || 'No name'} · ${p.patientId || 'no ID'}` : 'Patient (identifiers hidden)'} · {p.studies.length} stud{p.studies.length === 1 ? 'y' : 'ies'}
                </div>
                <ul>
                  {p.studies.map((s) => (
                    <li key={s.studyInstanceUid} className="pacs-study" data-testid="pacs-study">
                      <div className="pacs-row">
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
                          <li key={se.seriesInstanceUid} className="pacs-row pacs-series">
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
        )}
      </section>
    </div>
  );
}
