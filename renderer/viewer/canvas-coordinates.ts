/**
 * Image pixels to canvas pixels and back for an enabled viewport element, so overlays (measurements,
 * answers) follow pan, zoom and rotation without importing cornerstone themselves.
 */
import cornerstone from 'cornerstone-core';
import type { Vec2 } from '../../shared/measure/types';

export function imageToCanvas(element: HTMLElement, p: Vec2): Vec2 {
  return cornerstone.pixelToCanvas(element, p as never);
}

/** The image pixel under a pointer event over the element. */
export function pointerToImage(element: HTMLElement, e: { readonly clientX: number; readonly clientY: number }): Vec2 {
  const rect = element.getBoundingClientRect();
  return cornerstone.canvasToPixel(element, { x: e.clientX - rect.left, y: e.clientY - rect.top } as never);
}
