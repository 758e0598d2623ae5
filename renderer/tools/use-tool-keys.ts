import { useMemo } from 'react';
import { MEASUREMENT_LIST } from '../../shared/measure/definitions';
import { levelAbove, levelBelow } from '../../shared/measure/levels';
import { useShortcuts, type Command, type ShortcutHandler } from '../app/keymap';
import type { VertebralLevel } from '../../shared/measure/types';
import { documentFor, useMeasureStore } from './measure-store';

/** Moves the selected vertebra's level one step (refused by the store when that level is taken on its plane). */
function relabelSelected(uid: string, step: (level: VertebralLevel) => VertebralLevel | undefined): void {
  const state = useMeasureStore.getState();
  const selected = documentFor(state, uid)?.annotations.find((a) => a.id === state.selectedId);
  const level = selected?.type === 'vertebra' ? step(selected.level) : undefined;
  if (selected && level) state.relabel(uid, selected.id, level);
}

/** What the measuring keys do (their keys are in app/keymap.ts): tools, Esc, Delete, undo/redo, [ and ] to change the level, { and } to relabel, N for assistance, Enter to accept a proposal. */
export function useToolKeys(studyInstanceUid: string | undefined, enabled: boolean): void {
  const commands = useMemo((): Partial<Record<Command, ShortcutHandler>> => {
    const s = useMeasureStore.getState;
    if (!studyInstanceUid) return {};
    return {
      ...Object.fromEntries(MEASUREMENT_LIST.map(({ tool }) => [`tool-${tool.name}`, () => s().setTool(tool.name)])),
      undo: () => s().undo(studyInstanceUid),
      redo: () => s().redo(studyInstanceUid),
      escape: () => (s().draft || s().proposal ? s().cancelDraft() : s().setTool('navigate')),
      'delete-selected': () => {
        const { selectedId } = s();
        if (selectedId) s().remove(studyInstanceUid, selectedId);
      },
      'level-up': () => s().setNextLevel(levelAbove(s().nextLevel) ?? s().nextLevel),
      'level-down': () => s().setNextLevel(levelBelow(s().nextLevel) ?? s().nextLevel),
      'relabel-up': () => relabelSelected(studyInstanceUid, levelAbove),
      'relabel-down': () => relabelSelected(studyInstanceUid, levelBelow),
      'toggle-assist': () => s().toggleAssist(),
    };
  }, [studyInstanceUid]);
  useShortcuts(commands, enabled && !!studyInstanceUid);
  // Enter is only taken while there is a proposal, so that it still presses a focused button otherwise.
  const proposing = useMeasureStore((state) => state.proposal !== null);
  const accept = useMemo(() => ({ 'accept-proposal': () => studyInstanceUid && useMeasureStore.getState().acceptProposal(studyInstanceUid) }), [studyInstanceUid]);
  useShortcuts(accept, enabled && proposing && !!studyInstanceUid);
}
