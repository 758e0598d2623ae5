/**
 * Patient coordinates are DICOM LPS in millimetres: +x towards the patient's left, +y posterior,
 * +z superior (head). The spine lies in the mid-sagittal plane x = 0.
 */
export interface Vec3 {
  readonly x: number;
  readonly y: number;
  readonly z: number;
}

/**
 * A vertebra's own frame. Vertebrae only tilt in the sagittal plane (rotation about x), so a local
 * point keeps its x. The origin is the middle of the inferior endplate chord (mid-depth, x = 0).
 * `angle` is the flexion of the frame: positive tips the top of the vertebra forwards (kyphosis).
 */
export interface SagittalFrame {
  readonly originY: number;
  readonly originZ: number;
  readonly angle: number;
}

/** Local depth axis (posterior when the frame is upright) and height axis (cranial), in world (y, z). */
export function frameAxes(frame: SagittalFrame): { vy: number; vz: number; wy: number; wz: number } {
  const cos = Math.cos(frame.angle);
  const sin = Math.sin(frame.angle);
  // Flexion turns the cranial axis towards anterior (−y) and the posterior axis upwards (+z).
  return { vy: cos, vz: sin, wy: -sin, wz: cos };
}

export function toWorld(frame: SagittalFrame, depth: number, height: number): { y: number; z: number } {
  const { vy, vz, wy, wz } = frameAxes(frame);
  return { y: frame.originY + depth * vy + height * wy, z: frame.originZ + depth * vz + height * wz };
}
