/**
 * Every keyboard shortcut, defined once: the keys, the command they give and the line the `?` help shows.
 * One window listener (useKeymap, mounted by App) turns a key press into its command; the parts of the app
 * that carry a command out register a handler for it while they are on screen (useShortcuts). Keys typed
 * into a text field or a list never count as shortcuts.
 */
import { useEffect } from 'react';
import { MEASUREMENT_LIST, type MeasurementTool } from '../../shared/measure/definitions';
import { CT_PRESETS } from '../viewer/window-presets';

export type Command =
  | 'previous'
  | 'next'
  | 'page-back'
  | 'page-forward'
  | 'slice-first'
  | 'slice-last'
  | 'window-preset'
  | 'invert'
  | 'rotate'
  | 'flip-horizontal'
  | 'flip-vertical'
  | 'fit'
  | 'reset'
  | 'magnifier'
  | 'cine'
  | 'play'
  | `tool-${MeasurementTool}`
  | 'level-up'
  | 'level-down'
  | 'relabel-up'
  | 'relabel-down'
  | 'toggle-assist'
  | 'accept-proposal'
  | 'delete-selected'
  | 'undo'
  | 'redo'
  | 'escape'
  | 'identifiers'
  | 'open-files'
  | 'open-folder'
  | 'help';

interface KeyBinding {
  /** KeyboardEvent.key. */
  readonly key: string;
  readonly command: Command;
  /** Ctrl (or Cmd) held; without it, no Ctrl, Cmd or Alt may be held. */
  readonly ctrl?: boolean;
  /** Shift must be held (true) or not (false); either when unset. */
  readonly shift?: boolean;
  /** Upper and lower case both count (a letter typed with Caps Lock or Shift). */
  readonly anyCase?: boolean;
}

export interface ShortcutRow {
  /** How the help writes the keys (or the pointer gesture). */
  readonly keys: string;
  readonly action: string;
  readonly bindings: readonly KeyBinding[];
}

const on = (key: string, command: Command, more: Omit<KeyBinding, 'key' | 'command'> = {}): KeyBinding => ({ key, command, ...more });

export const SHORTCUTS: readonly ShortcutRow[] = [
  {
    keys: '↑ / ↓ or mouse wheel',
    action: 'Previous / next image (in the explainer: step, with ← / → too)',
    bindings: [on('ArrowUp', 'previous'), on('ArrowLeft', 'previous'), on('ArrowDown', 'next'), on('ArrowRight', 'next')],
  },
  {
    keys: 'Page Up / Page Down',
    action: 'Jump 10 images (in the explainer: previous / next step, as a clicker sends)',
    bindings: [on('PageUp', 'page-back'), on('PageDown', 'page-forward')],
  },
  { keys: 'Home / End', action: 'First / last image', bindings: [on('Home', 'slice-first'), on('End', 'slice-last')] },
  { keys: 'Left drag', action: 'Window / level', bindings: [] },
  { keys: 'Left click (2+ viewports)', action: 'Move the other views to this point', bindings: [] },
  { keys: 'Shift + drag or middle drag', action: 'Pan', bindings: [] },
  { keys: 'Ctrl + drag or right drag', action: 'Zoom', bindings: [] },
  { keys: '1 – 4 (CT)', action: 'Bone, soft tissue, spine, lung window', bindings: CT_PRESETS.map((p) => on(p.key, 'window-preset')) },
  { keys: 'I', action: 'Invert', bindings: [on('i', 'invert')] },
  { keys: 'E', action: 'Rotate 90°', bindings: [on('e', 'rotate')] },
  { keys: 'X / Y', action: 'Flip horizontally / vertically', bindings: [on('x', 'flip-horizontal'), on('y', 'flip-vertical')] },
  { keys: 'F', action: 'Fit to window', bindings: [on('f', 'fit')] },
  { keys: 'R or double-click', action: 'Reset view (keeps the chosen window preset)', bindings: [on('r', 'reset')] },
  { keys: 'M', action: 'Magnifier', bindings: [on('m', 'magnifier')] },
  { keys: 'P', action: 'Cine play / stop', bindings: [on('p', 'cine')] },
  { keys: 'Space (explainer)', action: 'Play / pause the animation', bindings: [on(' ', 'play')] },
  ...MEASUREMENT_LIST.map(({ tool }) => ({ keys: tool.key.toUpperCase(), action: tool.help, bindings: [on(tool.key, `tool-${tool.name}`, { anyCase: true })] })),
  { keys: '[ / ]', action: 'Level label up / down', bindings: [on('[', 'level-up'), on(']', 'level-down')] },
  { keys: '{ / } (Shift + [ / ])', action: 'Relabel the selected vertebra up / down', bindings: [on('{', 'relabel-up'), on('}', 'relabel-down')] },
  { keys: 'N', action: 'Assisted placement on / off (one click on CT, edge snapping on X-ray and MR)', bindings: [on('n', 'toggle-assist', { anyCase: true })] },
  { keys: 'Enter', action: 'Accept the proposed points', bindings: [on('Enter', 'accept-proposal')] },
  { keys: 'Delete', action: 'Delete the selected measurement', bindings: [on('Delete', 'delete-selected'), on('Backspace', 'delete-selected')] },
  {
    keys: 'Ctrl + Z / Ctrl + Shift + Z',
    action: 'Undo / redo',
    bindings: [on('z', 'undo', { ctrl: true, shift: false, anyCase: true }), on('z', 'redo', { ctrl: true, shift: true, anyCase: true }), on('y', 'redo', { ctrl: true, anyCase: true })],
  },
  { keys: 'Esc', action: 'Cancel a measurement, back to navigating, close dialogs, end the presentation', bindings: [on('Escape', 'escape')] },
  { keys: 'H', action: 'Hide or show patient identifiers', bindings: [on('h', 'identifiers', { anyCase: true })] },
  { keys: 'O / Shift + O', action: 'Open files / folder', bindings: [on('o', 'open-files'), on('O', 'open-folder')] },
  { keys: '?', action: 'This help', bindings: [on('?', 'help')] },
];

export type ShortcutHandler = (e: KeyboardEvent) => void;

const handlers = new Map<Command, Set<ShortcutHandler>>();

function matches(binding: KeyBinding, e: KeyboardEvent): boolean {
  const key = binding.anyCase ? e.key.toLowerCase() === binding.key : e.key === binding.key;
  const ctrl = binding.ctrl ? e.ctrlKey || e.metaKey : !(e.ctrlKey || e.metaKey || e.altKey);
  return key && ctrl && (binding.shift === undefined || binding.shift === e.shiftKey);
}

/** The commands a key press gives, in SHORTCUTS order. */
export function commandsFor(e: KeyboardEvent): Command[] {
  const typing = e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement;
  if (typing) return [];
  return [...new Set(SHORTCUTS.flatMap((row) => row.bindings.filter((b) => matches(b, e)).map((b) => b.command)))];
}

/** The one keydown listener of the app. */
export function useKeymap(): void {
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const run = commandsFor(e).flatMap((command) => [...(handlers.get(command) ?? [])]);
      if (run.length === 0) return;
      e.preventDefault();
      for (const handler of run) handler(e);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
}

/** Carries out these commands while the component is on screen and `enabled`. */
export function useShortcuts(commands: Partial<Record<Command, ShortcutHandler>>, enabled = true): void {
  useEffect(() => {
    if (!enabled) return;
    const added = Object.entries(commands) as [Command, ShortcutHandler][];
    for (const [command, handler] of added) {
      if (!handlers.has(command)) handlers.set(command, new Set());
      handlers.get(command)!.add(handler);
    }
    return () => {
      for (const [command, handler] of added) handlers.get(command)?.delete(handler);
    };
  }, [commands, enabled]);
}
