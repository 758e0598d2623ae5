export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['↑ / ↓ or mouse wheel', 'Previous / next image'],
  ['Page Up / Page Down', 'Jump 10 images'],
  ['Home / End', 'First / last image'],
  ['Left drag', 'Window / level'],
  ['Shift + drag or middle drag', 'Pan'],
  ['Ctrl + drag or right drag', 'Zoom'],
  ['1 – 4 (CT)', 'Bone, soft tissue, spine, lung window'],
  ['I', 'Invert'],
  ['F', 'Fit to window'],
  ['R or double-click', 'Reset view'],
  ['H', 'Hide or show patient identifiers'],
  ['O / Shift + O', 'Open files / folder'],
  ['?', 'This help'],
  ['Esc', 'Close dialogs'],
];

export function HelpOverlay({ onClose }: { onClose: () => void }) {
  return (
    <div className="modal-backdrop" onClick={onClose}>
      <div className="modal" role="dialog" aria-modal="true" aria-labelledby="help-title" onClick={(e) => e.stopPropagation()} data-testid="help-overlay">
        <h2 id="help-title">Keyboard shortcuts</h2>
        <table className="shortcut-table">
          <tbody>
            {SHORTCUTS.map(([keys, action]) => (
              <tr key={keys}>
                <th scope="row">{keys}</th>
                <td>{action}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <button type="button" className="button" onClick={onClose} autoFocus>
          Close
        </button>
      </div>
    </div>
  );
}
