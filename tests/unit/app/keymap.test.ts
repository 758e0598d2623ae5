// @vitest-environment happy-dom
import { describe, expect, it } from 'vitest';
import { MEASUREMENT_LIST } from '../../../shared/measure/definitions';
import { SHORTCUTS, commandsFor } from '../../../renderer/app/keymap';

const press = (key: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) => {
  const e = new KeyboardEvent('keydown', { key, ...init });
  Object.defineProperty(e, 'target', { value: target });
  return commandsFor(e);
};

describe('keymap', () => {
  it('turns keys into their commands, with the modifiers each needs', () => {
    expect(press('v')).toEqual(['tool-vertebra']);
    expect(press('V', { shiftKey: true })).toEqual(['tool-vertebra']);
    expect(press('k')).toEqual(['tool-calibrate']);
    expect(press('z', { ctrlKey: true })).toEqual(['undo']);
    expect(press('Z', { ctrlKey: true, shiftKey: true })).toEqual(['redo']);
    expect(press('y', { metaKey: true })).toEqual(['redo']);
    expect(press('y')).toEqual(['flip-vertical']);
    expect(press('3')).toEqual(['window-preset']);
    expect(press('o')).toEqual(['open-files']);
    expect(press('O', { shiftKey: true })).toEqual(['open-folder']);
    expect(press('Escape')).toEqual(['escape']);
    expect(press('v', { ctrlKey: true })).toEqual([]);
    expect(press('f', { altKey: true })).toEqual([]);
  });

  it('ignores keys typed into a field', () => {
    expect(press('v', {}, document.createElement('input'))).toEqual([]);
    expect(press('Delete', {}, document.createElement('textarea'))).toEqual([]);
    expect(press('ArrowDown', {}, document.createElement('select'))).toEqual([]);
  });

  it('binds no key twice, so one press never means two things', () => {
    const seen = new Map<string, string>();
    for (const { bindings } of SHORTCUTS) {
      for (const b of bindings) {
        const id = `${b.anyCase ? b.key.toLowerCase() : b.key}|${b.ctrl ?? false}|${b.shift ?? 'any'}`;
        expect(seen.get(id), id).toBeUndefined();
        seen.set(id, b.command);
      }
    }
  });

  it('every measurement tool has its key and its line in the help, from its definition', () => {
    for (const { tool } of MEASUREMENT_LIST) {
      const row = SHORTCUTS.find((r) => r.bindings.some((b) => b.command === `tool-${tool.name}`));
      expect(row, tool.name).toMatchObject({ keys: tool.key.toUpperCase(), action: tool.help });
      expect(press(tool.key)).toEqual([`tool-${tool.name}`]);
    }
  });
});
