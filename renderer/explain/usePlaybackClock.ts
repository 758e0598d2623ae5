import { useCallback, useEffect, useLayoutEffect, useMemo, useRef, useState } from 'react';

/**
 * The timeline's clock: advances t by real time × speed while playing and stops at the end. The
 * scene itself is a pure function of t; this hook only decides what t is now.
 *
 * seek, togglePlay, setPlaying, setSpeed and timeNow stay the same functions for the hook's
 * lifetime, so that effects and listeners depending on them are not set up again on every frame.
 */
export function usePlaybackClock(duration: number) {
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const last = useRef<number | null>(null);
  /** What the last render showed, read by the stable callbacks below. */
  const shown = useRef({ t, playing, duration });
  useLayoutEffect(() => {
    shown.current = { t, playing, duration };
  });

  useEffect(() => {
    if (!playing) return;
    let frame = 0;
    last.current = null;
    const tick = (now: number) => {
      const dt = last.current === null ? 0 : (now - last.current) / 1000;
      last.current = now;
      setT((previous) => {
        const next = Math.min(duration, previous + dt * speed);
        if (next >= duration) setPlaying(false);
        return next;
      });
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, duration]);

  const seek = useCallback((time: number) => setT(Math.min(Math.max(time, 0), shown.current.duration)), []);
  const togglePlay = useCallback(() => {
    const now = shown.current;
    if (!now.playing && now.t >= now.duration) setT(0);
    setPlaying(!now.playing);
  }, []);
  /** The time the last render showed, for callbacks that must not change with every frame. */
  const timeNow = useCallback(() => shown.current.t, []);
  return useMemo(
    () => ({ t, playing, speed, setSpeed, seek, togglePlay, setPlaying, timeNow }),
    [t, playing, speed, seek, togglePlay, timeNow],
  );
}
