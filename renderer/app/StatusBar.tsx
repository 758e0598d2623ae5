import { useState } from 'react';
import { useStudyStore } from './study-store';

export function StatusBar({ notice }: { notice?: string }) {
  const progress = useStudyStore((s) => s.progress);
  const failures = useStudyStore((s) => s.failures);
  const nonImages = useStudyStore((s) => s.nonImages);
  const instances = useStudyStore((s) => s.instances.size);
  const [open, setOpen] = useState(false);
  const problems = failures.length + nonImages.length;
  return (
    <footer className="statusbar">
      {progress ? (
        <div className="progress" role="progressbar" aria-label="Loading files" aria-valuemin={0} aria-valuemax={progress.total} aria-valuenow={progress.done} data-testid="load-progress">
          <div className="progress-fill" style={{ width: `${progress.total ? (100 * progress.done) / progress.total : 0}%` }} />
          <span className="progress-text">
            Loading {progress.done} / {progress.total} files
          </span>
        </div>
      ) : (
        <span>{instances > 0 ? `${instances} image file${instances === 1 ? '' : 's'} loaded` : 'Ready'}</span>
      )}
      {notice && <span className="status-notice">{notice}</span>}
      {problems > 0 && (
        <button type="button" className="button button-warn" onClick={() => setOpen((o) => !o)} aria-expanded={open} data-testid="failures-toggle">
          {failures.length > 0 ? `${failures.length} file${failures.length === 1 ? '' : 's'} could not be read` : ''}
          {failures.length > 0 && nonImages.length > 0 ? ' · ' : ''}
          {nonImages.length > 0 ? `${nonImages.length} non-image object${nonImages.length === 1 ? '' : 's'}` : ''}
        </button>
      )}
      {open && problems > 0 && (
        <div className="failures" role="region" aria-label="Files not shown">
          <table>
            <tbody>
              {[...failures.map((f) => ({ ...f, kind: 'Error' })), ...nonImages.map((f) => ({ ...f, kind: 'Skipped' }))].map((f, i) => (
                <tr key={i} data-testid="failure-row">
                  <td className={f.kind === 'Error' ? 'failure-kind-error' : 'failure-kind-skip'}>{f.kind}</td>
                  <td className="failure-file">{f.fileName}</td>
                  <td>{f.reason}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </footer>
  );
}
