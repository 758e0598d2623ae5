import { describe, expect, it } from 'vitest';
import { createAutosave, type Timers } from '../../../shared/model/autosave';

/** Timers driven by hand: `advance(ms)` fires what falls due. */
function manualTimers(): Timers & { advance(ms: number): void } {
  let now = 0;
  let nextHandle = 1;
  const due = new Map<number, { at: number; callback: () => void }>();
  return {
    setTimeout(callback, ms) {
      due.set(nextHandle, { at: now + ms, callback });
      return nextHandle++;
    },
    clearTimeout(handle) {
      due.delete(handle as number);
    },
    advance(ms) {
      now += ms;
      for (const [handle, timer] of [...due]) {
        if (timer.at <= now) {
          due.delete(handle);
          timer.callback();
        }
      }
    },
  };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('createAutosave', () => {
  it('saves only the latest state, one quiet second after the last edit', async () => {
    const timers = manualTimers();
    const saved: string[] = [];
    const autosave = createAutosave<string>({ save: async (v) => void saved.push(v), onError: () => {}, timers });
    autosave.schedule('a');
    timers.advance(900);
    autosave.schedule('b');
    timers.advance(900);
    expect(saved).toEqual([]);
    expect(autosave.pending).toBe(true);
    timers.advance(100);
    await settle();
    expect(saved).toEqual(['b']);
    expect(autosave.pending).toBe(false);
  });

  it('flushes at once, never overlaps writes, and cancel forgets', async () => {
    const timers = manualTimers();
    const events: string[] = [];
    let release: () => void = () => {};
    const autosave = createAutosave<string>({
      save: (v) => {
        events.push(`start ${v}`);
        return new Promise<void>((resolve) => {
          release = () => {
            events.push(`end ${v}`);
            resolve();
          };
        });
      },
      onError: () => {},
      timers,
    });
    autosave.schedule('a');
    timers.advance(1000);
    await settle();
    autosave.schedule('b');
    const flushed = autosave.flush();
    await settle();
    expect(events).toEqual(['start a']);
    release();
    await settle();
    release();
    await flushed;
    expect(events).toEqual(['start a', 'end a', 'start b', 'end b']);
    autosave.schedule('c');
    autosave.cancel();
    timers.advance(5000);
    await settle();
    expect(events).toHaveLength(4);
  });

  it('reports a failed save and carries on', async () => {
    const timers = manualTimers();
    const errors: unknown[] = [];
    const saved: string[] = [];
    const autosave = createAutosave<string>({
      save: async (v) => {
        if (v === 'bad') throw new Error('disk full');
        saved.push(v);
      },
      onError: (e) => errors.push(e),
      timers,
    });
    autosave.schedule('bad');
    await autosave.flush();
    autosave.schedule('good');
    await autosave.flush();
    expect(errors).toHaveLength(1);
    expect(saved).toEqual(['good']);
  });
});
