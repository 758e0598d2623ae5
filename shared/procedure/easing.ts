export function clamp01(x: number): number {
  return x < 0 ? 0 : x > 1 ? 1 : x;
}

/** Ken Perlin's smootherstep: zero velocity and acceleration at both ends, so motions start and stop gently. */
export function smootherstep(x: number): number {
  const u = clamp01(x);
  return u * u * u * (u * (u * 6 - 15) + 10);
}

export function lerp(a: number, b: number, u: number): number {
  return a + (b - a) * u;
}
