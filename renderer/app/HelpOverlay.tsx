export const SHORTCUTS: ReadonlyArray<readonly [string, string]> = [
  ['↑ / ↓ or mouse wheel', 'Previous / next image'],
  ['Page Up / Page Down', 'Jump 10 images'],
  ['Home / End', 'First / last image'],
  ['Left drag', 'Window / level'],
  ['Left click (2+ viewports)', 'Move the other views to this point'],
  ['Shift + drag or middle drag', 'Pan'],
  ['Ctrl + drag or right drag', 'Zoom'],
  ['1 – 4 (CT)', 'Bone, soft tissue, spine, lung window'],
  ['I', 'Invert'],
  ['E', 'Rotate 90°'],
  ['X / Y', 'Flip horizontally / vertically'],
  ['F', 'Fit to window'],
  ['R or double-click', 'Reset view'],
  ['M', 'Magnifier'],
  ['P', 'Cine play / stop'],
  ['V', '6-point vertebra (names each point in turn)'],
  ['C', 'Cobb angle (click two endplates or draw two lines)'],
  ['L / A', 'Length / angle'],
  ['K', 'Calibrate with an object of known size'],
  ['[ / ]', 'Level label up / down'],
  ['Delete', 'Delete the selected measurement'],
  ['Ctrl + Z / Ctrl + Shift + Z', 'Undo / redo'],
  ['Esc', 'Cancel a measurement, back to navigating, close dialogs'],
  ['H', 'Hide or show patient identifiers'],
  ['O / Shift + O', 'Open files / folder'],
  ['?', 'This help'],
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
