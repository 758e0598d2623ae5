import { describe, expect, it } from 'vitest';
import { ShaderLib, type WebGLProgramParametersWithUniforms, type WebGLRenderer } from 'three';
import { createMaterials, powerByMultiplying, SRGB_FROM_ROOTS } from '../../../renderer/explain/materials';

/** IEC 61966-2-1's encoding, as three writes it with pow. */
const srgb = (c: number) => (c <= 0.0031308 ? c * 12.92 : 1.055 * c ** (1 / 2.4) - 0.055);
function fromRoots(c: number): number {
  const r1 = Math.sqrt(c), r2 = Math.sqrt(r1), r3 = Math.sqrt(r2);
  const { root, fourthRoot, eighthRoot, linear } = SRGB_FROM_ROOTS;
  return c <= 0.0031308 ? c * 12.92 : root * r1 + fourthRoot * r2 + eighthRoot * r3 + linear * c;
}
const level = (v: number) => Math.round(255 * Math.min(1, Math.max(0, v)));

/** A material's fragment shader as three would compile it, after the material's own changes. */
function compiled(material: ReturnType<typeof createMaterials>[keyof ReturnType<typeof createMaterials>], lib: 'phong' | 'basic'): string {
  const shader = { ...ShaderLib[lib], uniforms: { ...ShaderLib[lib].uniforms } } as unknown as WebGLProgramParametersWithUniforms;
  material.onBeforeCompile(shader, {} as WebGLRenderer);
  return shader.fragmentShader;
}

describe('cheaper shading arithmetic, same picture', () => {
  it('encodes sRGB from square roots within one 8-bit level, and exactly on almost every level', () => {
    let off = 0, worst = 0;
    const n = 100_000;
    for (let i = 0; i <= n; i++) {
      const d = Math.abs(level(fromRoots(i / n)) - level(srgb(i / n)));
      worst = Math.max(worst, d);
      off += d;
    }
    expect(worst).toBe(1);
    expect(off / n).toBeLessThan(0.03);
  });

  it('raises to a whole power by multiplying', () => {
    for (const power of [1, 5, 14, 30, 90]) {
      // The GLSL function's body run as JavaScript.
      const body = powerByMultiplying(power).replace(/^[^{]*\{/, '').replace(/\}$/, '').replace(/float /g, 'let ');
      const pow = new Function('x', body) as (x: number) => number;
      for (const x of [0, 0.3, 0.9, 1]) expect(pow(x)).toBeCloseTo(x ** power, 12);
    }
  });

  it('takes pow out of every material\'s sRGB encoding and out of the lit ones\' highlights', () => {
    const materials = createMaterials();
    const bone = compiled(materials.bone, 'phong');
    expect(bone).not.toContain('#include <colorspace_fragment>');
    expect(bone).not.toContain('#include <bsdfs>');
    expect(bone).toContain('shininessPower( dotNH )');
    // Neither the highlight nor the bone's own rim calls pow any more (the other chunks are still #includes here).
    expect(bone).not.toMatch(/\bpow\s*\(/);
    // The bone's own additions (creases, rim, see-through) are still there.
    expect(bone).toContain('vCrease');
    expect(compiled(materials.skin, 'basic')).not.toContain('#include <colorspace_fragment>');
    // Programs differ where the shininess written into them does.
    expect(materials.bone.customProgramCacheKey()).not.toBe(materials.disc.customProgramCacheKey());
    expect(materials.bone.customProgramCacheKey()).toBe(materials.fractured.customProgramCacheKey());
  });
});
