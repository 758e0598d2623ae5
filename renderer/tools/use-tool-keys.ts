import { useMemo } from 'react';
import { MEASUREMENT_LIST } from '../../shared/measure/definitions';
import { levelAbove, levelBelow } from '../../shared/measure/levels';
import { useShortcuts, type Command, type ShortcutHandler } from '../app/keymap';
import { useMeasureStore } from './measure-store';

/** What the measuring keys do (their keys are in app/keymap.ts): tools, Esc, Delete, undo/redo, [ and ] to change the level. */
export function useToolKeys(studyInstanceUid: string | undefined, enabled: boolean): void {
  const commands = useMemo((): Partial<Record<Command, ShortcutHandler>> => {
    const s = useMeasureStore.getState;
    if (!studyInstanceUid) return {};
    return {
      ...Object.fromEntries(MEASUREMENT_LIST.map(({ tool }) => [`tool-${tool.name}`, () => s().setTool(tool.name)])),
      undo: () => s().undo(studyInstanceUid),
      redo: () => s().redo(studyInstanceUid),
      escape: () => (s().draft ? s().cancelDraft() : s().setTool('navigate')),
      'delete-selected': () => {
        const { selectedId } = s();
        if (selectedId) s().remove(studyInstanceUid, selectedId);
      },
      'level-up': () => s().setNextLevel(levelAbove(s().nextLevel) ?? s().nextLevel),
      'level-down': () => s().setNextLevel(levelBelow(s().nextLevel) ?? s().nextLevel),
    };
  }, [studyInstanceUid]);
  useShortcuts(commands, enabled && !!studyInstanceUid);
}
