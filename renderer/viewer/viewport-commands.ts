/** Commands from toolbars and keys to one viewport (rotate, flip…), without reaching into its element. */
export type ViewportCommand = 'rotate' | 'flip-horizontal' | 'flip-vertical' | 'fit' | 'actual-size' | 'reset' | 'invert' | { preset: string };

type Listener = (command: ViewportCommand) => void;
const listeners = new Map<number, Set<Listener>>();

export function onViewportCommand(viewport: number, listener: Listener): () => void {
  let set = listeners.get(viewport);
  if (!set) listeners.set(viewport, (set = new Set()));
  set.add(listener);
  return () => set.delete(listener);
}

export function sendViewportCommand(viewport: number, command: ViewportCommand): void {
  listeners.get(viewport)?.forEach((l) => l(command));
}

/** Zoom and pan shared between viewports when "link zoom" is on. */
export interface ZoomState {
  readonly scale: number;
  readonly x: number;
  readonly y: number;
}
type ZoomListener = (zoom: ZoomState, from: number) => void;
const zoomListeners = new Set<ZoomListener>();

export function onLinkedZoom(listener: ZoomListener): () => void {
  zoomListeners.add(listener);
  return () => zoomListeners.delete(listener);
}

export function publishZoom(zoom: ZoomState, from: number): void {
  zoomListeners.forEach((l) => l(zoom, from));
}
