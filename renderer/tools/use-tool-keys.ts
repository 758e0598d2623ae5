import { useEffect } from 'react';
import { MEASUREMENT_LIST } from '../../shared/measure/definitions';
import { levelAbove, levelBelow } from '../../shared/measure/levels';
import { useMeasureStore, type ToolName } from './measure-store';

const TOOL_KEYS: Readonly<Record<string, ToolName>> = Object.fromEntries(MEASUREMENT_LIST.map((d) => [d.tool.key, d.tool.name]));

/** Keyboard flow for measuring: tool letters, Esc, Delete, undo/redo, [ and ] to change the level. */
export function useToolKeys(studyInstanceUid: string | undefined, enabled: boolean): void {
  useEffect(() => {
    if (!enabled || !studyInstanceUid) return;
    const onKey = (e: KeyboardEvent) => {
      if (e.target instanceof HTMLInputElement || e.target instanceof HTMLSelectElement || e.target instanceof HTMLTextAreaElement) return;
      const s = useMeasureStore.getState();
      const key = e.key.toLowerCase();
      if ((e.ctrlKey || e.metaKey) && key === 'z') {
        e.preventDefault();
        if (e.shiftKey) s.redo(studyInstanceUid);
        else s.undo(studyInstanceUid);
      } else if ((e.ctrlKey || e.metaKey) && key === 'y') {
        e.preventDefault();
        s.redo(studyInstanceUid);
      } else if (e.ctrlKey || e.metaKey || e.altKey) {
        return;
      } else if (TOOL_KEYS[key]) {
        s.setTool(TOOL_KEYS[key]);
      } else if (e.key === 'Escape') {
        if (s.draft) s.cancelDraft();
        else s.setTool('navigate');
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && s.selectedId) {
        s.remove(studyInstanceUid, s.selectedId);
      } else if (e.key === '[') {
        s.setNextLevel(levelAbove(s.nextLevel) ?? s.nextLevel);
      } else if (e.key === ']') {
        s.setNextLevel(levelBelow(s.nextLevel) ?? s.nextLevel);
      }
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [studyInstanceUid, enabled]);
}
