import { useEffect, useRef } from 'react';

const SIZE = 220;
const ZOOM = 2.5;

/** A lens that follows the pointer and shows the rendered image magnified beneath it. */
export function Magnifier({ element }: { element: HTMLDivElement }) {
  const lens = useRef<HTMLCanvasElement>(null);
  useEffect(() => {
    const source = element.querySelector('canvas');
    const target = lens.current;
    if (!source || !target) return;
    const move = (e: PointerEvent) => {
      const rect = element.getBoundingClientRect();
      const x = e.clientX - rect.left;
      const y = e.clientY - rect.top;
      target.style.left = `${x - SIZE / 2}px`;
      target.style.top = `${y - SIZE / 2}px`;
      const g = target.getContext('2d')!;
      g.imageSmoothingEnabled = false;
      g.clearRect(0, 0, SIZE, SIZE);
      const w = SIZE / ZOOM;
      g.drawImage(source, x - w / 2, y - w / 2, w, w, 0, 0, SIZE, SIZE);
    };
    element.addEventListener('pointermove', move);
    return () => element.removeEventListener('pointermove', move);
  }, [element]);
  return <canvas ref={lens} className="magnifier" width={SIZE} height={SIZE} aria-hidden="true" data-testid="magnifier" />;
}
