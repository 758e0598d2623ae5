import { cancelRetrieve } from './retrieve';
import { usePacsStore } from './pacs-store';
import './pacs.css';

/** Progress of the retrieve under way, per series, with Cancel; shown over whichever screen is open. */
export function RetrieveProgress() {
  const retrieve = usePacsStore((s) => s.retrieve);
  if (!retrieve) return null;
  const { status, label } = retrieve;
  return (
    <div className="pacs-progress" role="region" aria-label="PACS retrieve" data-testid="pacs-progress">
      <div className="pacs-row">
        <strong>
          {status.state === 'running' ? 'Retrieving' : status.state === 'failed' ? 'Retrieve failed' : 'Retrieved'} {label}
        </strong>
        {status.state === 'running' ? (
          <button type="button" className="button button-warn" onClick={() => void cancelRetrieve()} data-testid="pacs-cancel">
            Cancel
          </button>
        ) : (
          <button type="button" className="button" onClick={() => usePacsStore.getState().setRetrieve(undefined)}>
            Close
          </button>
        )}
      </div>
      {status.series.map((s) => (
        <div key={s.seriesInstanceUid} className="pacs-series-progress">
          <span>
            {s.modality} {s.description}
          </span>
          <progress max={s.expected || 1} value={s.received} aria-label={`${s.description || s.modality}: ${s.received} of ${s.expected}`} />
          <span>
            {s.received} / {s.expected}
          </span>
        </div>
      ))}
      {status.error && <p className="pacs-error">{status.error}</p>}
    </div>
  );
}
