import { useEffect, useState } from 'react';
import type { SampleCaseSummary } from '../../shared/api';
import { platform } from '../platform';
import { useTrainingStore } from './training-store';

function CaseThumbnail({ fileId, title }: { fileId?: string; title: string }) {
  const [url, setUrl] = useState<string>();
  useEffect(() => {
    if (fileId) void platform.imageUrlFor(fileId).then(setUrl);
  }, [fileId]);
  return url ? <img className="case-thumb" src={url} alt={`Preview of ${title}`} /> : <div className="case-thumb case-thumb-empty" aria-hidden="true" />;
}

export function CaseLibrary({ onOpen }: { onOpen: (caseId: string) => void }) {
  const [cases, setCases] = useState<SampleCaseSummary[]>();
  const [error, setError] = useState<string>();
  const progress = useTrainingStore((s) => s.progress);
  useEffect(() => {
    platform.api.listSamples().then(setCases, (e: unknown) => setError(e instanceof Error ? e.message : String(e)));
  }, []);
  if (error) return <div className="viewport-empty">Sample cases could not be listed: {error}</div>;
  if (!cases) return <div className="viewport-empty">Loading sample cases…</div>;
  if (cases.length === 0) return <div className="viewport-empty">No sample cases are installed. Run npm run samples.</div>;
  return (
    <div className="case-library">
      <h1 className="page-title">Sample cases</h1>
      <p className="page-lead">Synthetic studies with known answers, for practice. Open a case, measure it, then submit to be scored against the expert answer.</p>
      {Object.keys(progress).length > 0 && (
        <p className="page-lead" data-testid="course-progress">
          Course progress: {Object.keys(progress).length} of {cases.length} cases attempted, average best score{' '}
          {Math.round(Object.values(progress).reduce((s, p) => s + p.bestPercent, 0) / Object.keys(progress).length)}%.
        </p>
      )}
      <ul className="case-grid">
        {cases.map((c) => (
          <li key={c.id} className="case-card" data-testid="case-card">
            <CaseThumbnail fileId={c.thumbnailFileId} title={c.title} />
            <div className="case-body">
              <h2 className="case-title">{c.title}</h2>
              <div className="case-tags">
                <span className="tag">{c.modalities.join(' · ')}</span>
                <span className="tag">{c.level}</span>
                <span className={`tag tag-${c.difficulty}`}>{c.difficulty}</span>
              </div>
              <p className="case-summary">{c.summary}</p>
              {progress[c.id] && (
                <p className="case-progress" data-testid="case-progress">
                  Your best score: {progress[c.id].bestPercent}% ({progress[c.id].attempts} attempt{progress[c.id].attempts === 1 ? '' : 's'})
                </p>
              )}
              <button type="button" className="button button-primary" onClick={() => onOpen(c.id)}>
                Open case
              </button>
            </div>
          </li>
        ))}
      </ul>
    </div>
  );
}
