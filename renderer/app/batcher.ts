/** How long items wait to be delivered together (the first goes at once). */
export const BATCH_MS = 100;

export interface Batcher<T> {
  add(item: T): void;
  /** Delivers whatever is waiting now. */
  flush(): void;
}

/**
 * Groups items for an expensive consumer: the first item is delivered at once, later ones together at
 * most every BATCH_MS, and flush() delivers the rest.
 */
export function createBatcher<T>(deliver: (items: T[]) => void): Batcher<T> {
  let pending: T[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  let delivered = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const items = pending;
    pending = [];
    delivered = true;
    deliver(items);
  };
  return {
    add(item) {
      pending.push(item);
      if (!delivered) flush();
      else timer ??= setTimeout(flush, BATCH_MS);
    },
    flush,
  };
}
