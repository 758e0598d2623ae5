import { useEffect, useRef, useState } from 'react';

/**
 * The timeline's clock: advances t by real time × speed while playing and stops at the end. The
 * scene itself is a pure function of t; this hook only decides what t is now.
 */
export function usePlaybackClock(duration: number) {
  const [t, setT] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeed] = useState(1);
  const last = useRef<number | null>(null);

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

  const seek = (time: number) => setT(Math.min(Math.max(time, 0), duration));
  const togglePlay = () => {
    if (!playing && t >= duration) setT(0);
    setPlaying(!playing);
  };
  return { t, playing, speed, setSpeed, seek, togglePlay, setPlaying };
}
