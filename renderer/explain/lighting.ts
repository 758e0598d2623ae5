import { DirectionalLight, HemisphereLight, type Object3D } from 'three';

/**
 * Soft, clinical light: a broad sky/ground fill, a key and a rim light. The key and rim ride on
 * the camera so that every preset and every orbit is lit from the viewer's upper side.
 */
export function addLights(scene: Object3D, camera: Object3D): void {
  // A darker ground colour and a stronger key than a flat fill: the shading models the bones' shapes.
  scene.add(new HemisphereLight('#f3f6ff', '#3b4250', 1.1));
  const key = new DirectionalLight('#fffaf0', 2.2);
  key.position.set(-0.6, 1, 0.8);
  const rim = new DirectionalLight('#bcd4ff', 0.8);
  rim.position.set(1, 0.3, -0.6);
  camera.add(key, rim);
  key.target.position.set(0, 0, -1);
  rim.target.position.set(0, 0, -1);
  camera.add(key.target, rim.target);
}
