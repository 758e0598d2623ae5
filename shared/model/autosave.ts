/**
 * Autosave after a quiet second, as VS Code's hot exit backs up unsaved state after a 1 s debounce:
 * every edit restarts the wait, only the latest state is written, and writes never overlap.
 * Timers are injected so tests can drive time by hand.
 */
export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export const AUTOSAVE_DELAY_MS = 1000;

const realTimers: Timers = {
  setTimeout: (callback, ms) => globalThis.setTimeout(callback, ms),
  clearTimeout: (handle) => globalThis.clearTimeout(handle as ReturnType<typeof globalThis.setTimeout>),
};

export interface AutosaveOptions<T> {
  readonly save: (value: T) => Promise<void>;
  /** A failed save is reported here; the next edit schedules another attempt. */
  readonly onError: (error: unknown) => void;
  readonly delayMs?: number;
  readonly timers?: Timers;
}

export interface Autosave<T> {
  /** A new state to save once edits pause for `delayMs`. */
  schedule(value: T): void;
  /** Saves a pending state now (on close or before export) and waits for every write to finish. */
  flush(): Promise<void>;
  /** Forgets a pending state without saving it. */
  cancel(): void;
  /** True while a state waits for its timer. */
  readonly pending: boolean;
}

export function createAutosave<T>(options: AutosaveOptions<T>): Autosave<T> {
  const delayMs = options.delayMs ?? AUTOSAVE_DELAY_MS;
  const timers = options.timers ?? realTimers;
  let waiting: { value: T } | null = null;
  let timer: unknown = null;
  let writes: Promise<void> = Promise.resolve();

  const stopTimer = () => {
    if (timer !== null) timers.clearTimeout(timer);
    timer = null;
  };

  const writeWaiting = (): Promise<void> => {
    stopTimer();
    if (waiting) {
      const { value } = waiting;
      waiting = null;
      // Chained, so a slow disk never lets an older state land after a newer one.
      writes = writes.then(() => options.save(value)).catch(options.onError);
    }
    return writes;
  };

  return {
    schedule(value) {
      waiting = { value };
      stopTimer();
      timer = timers.setTimeout(() => void writeWaiting(), delayMs);
    },
    flush: writeWaiting,
    cancel() {
      stopTimer();
      waiting = null;
    },
    get pending() {
      return waiting !== null;
    },
  };
}
