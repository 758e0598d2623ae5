import { describe, expect, it } from 'vitest';
import { canRedo, canUndo, createHistory, recordState, redo, undo } from '../../../shared/model/history';

describe('history', () => {
  it('undoes and redoes in order, and a new edit clears the redo stack', () => {
    let h = createHistory('a');
    h = recordState(h, 'b');
    h = recordState(h, 'c');
    h = undo(h);
    expect(h.present).toBe('b');
    h = undo(h);
    expect(h.present).toBe('a');
    expect(canUndo(h)).toBe(false);
    expect(undo(h)).toBe(h);
    h = redo(h);
    expect(h.present).toBe('b');
    h = recordState(h, 'd');
    expect(canRedo(h)).toBe(false);
    expect(h.past).toEqual(['a', 'b']);
  });

  it('keeps at most `limit` past states, dropping the oldest', () => {
    let h = createHistory(0, 3);
    for (let i = 1; i <= 10; i++) h = recordState(h, i);
    expect(h.past).toEqual([7, 8, 9]);
    h = undo(undo(undo(h)));
    expect(h.present).toBe(7);
    expect(canUndo(h)).toBe(false);
  });

  it('ignores recording the present state again, and refuses a bad limit', () => {
    const h = createHistory('a');
    expect(recordState(h, 'a')).toBe(h);
    expect(() => createHistory('a', 0)).toThrow(RangeError);
  });
});
