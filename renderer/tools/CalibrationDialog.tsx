import { useState } from 'react';

export function CalibrationDialog({ onConfirm, onCancel }: { onConfirm: (mm: number) => void; onCancel: () => void }) {
  const [value, setValue] = useState('');
  const mm = Number(value.replace(',', '.'));
  const valid = Number.isFinite(mm) && mm > 0 && mm < 2000;
  return (
    <div className="modal-backdrop" onClick={onCancel}>
      <form
        className="modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="calibration-title"
        onClick={(e) => e.stopPropagation()}
        onSubmit={(e) => {
          e.preventDefault();
          if (valid) onConfirm(mm);
        }}
      >
        <h2 id="calibration-title">Calibrate this image</h2>
        <p>How long is the object you drew across, in millimetres? Lengths on this image will then be marked “user-calibrated”.</p>
        <label className="field">
          Known length (mm)
          <input className="input" inputMode="decimal" autoFocus value={value} onChange={(e) => setValue(e.target.value)} data-testid="calibration-length" />
        </label>
        <div className="modal-actions">
          <button type="button" className="button" onClick={onCancel}>
            Cancel
          </button>
          <button type="submit" className="button button-primary" disabled={!valid}>
            Calibrate
          </button>
        </div>
      </form>
    </div>
  );
}
