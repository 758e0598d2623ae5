import { Color, CustomBlending, DoubleSide, MeshBasicMaterial, MeshPhongMaterial, Plane, ShaderChunk, ShaderMaterial, SrcColorFactor, ZeroFactor, type Material } from 'three';

/** The colours of the explainer: warm ivory bone, cool instruments and cement that stand out against it. */
export const PALETTE = {
  background: '#18212c',
  fluoroscopyBackground: '#d9d9d4',
  bone: '#eadfca',
  fractureGlow: '#d9482b',
  disc: '#8fb8cf',
  cord: '#f0c44c',
  metal: '#cfd6de',
  balloon: '#3f6ef0',
  cementWet: '#f4fbff',
  cementSet: '#cdd5dc',
  cavity: '#4a1f1c',
  section: '#a35a44',
  skin: '#e7b49b',
  numbing: '#6fd3ff',
  ghostHealthy: '#3ccf8e',
  ghostAfter: '#6aa9ff',
} as const;

/**
 * Per-vertex crease depth (0 open, 1 deep) baked into the drawn vertebrae; meshes without it (the
 * patient's own CT) read 0, so they are shaded as before.
 */
export const BONE_CREASE_ATTRIBUTE = 'boneCrease';

export interface ExplainMaterials {
  bone: MeshPhongMaterial;
  /** Bone the step works inside (fusion's screwed vertebrae), which it may turn see-through. */
  focused: MeshPhongMaterial;
  fractured: MeshPhongMaterial;
  disc: MeshPhongMaterial;
  cord: MeshPhongMaterial;
  instrument: MeshPhongMaterial;
  metal: MeshPhongMaterial;
  balloon: MeshPhongMaterial;
  cement: MeshPhongMaterial;
  cavity: MeshPhongMaterial;
  skin: MeshBasicMaterial;
  numbing: MeshPhongMaterial;
  ghost: MeshPhongMaterial;
}

export function createMaterials(): ExplainMaterials {
  const bone = (): MeshPhongMaterial => illustratedBone(new MeshPhongMaterial({ color: PALETTE.bone, specular: '#2a2620', shininess: 14 }));
  const materials: ExplainMaterials = {
    bone: bone(),
    focused: bone(),
    fractured: cutOpenable(bone()),
    disc: new MeshPhongMaterial({ color: PALETTE.disc, specular: '#334', shininess: 30 }),
    cord: new MeshPhongMaterial({ color: PALETTE.cord, specular: '#442', shininess: 25 }),
    instrument: new MeshPhongMaterial({ vertexColors: true, specular: '#ffffff', shininess: 90 }),
    metal: new MeshPhongMaterial({ color: PALETTE.metal, specular: '#ffffff', shininess: 90 }),
    balloon: new MeshPhongMaterial({ color: PALETTE.balloon, specular: '#ffffff', shininess: 70 }),
    cement: new MeshPhongMaterial({ color: PALETTE.cementWet, specular: '#ffffff', shininess: 60, emissive: '#1d2a3a' }),
    cavity: new MeshPhongMaterial({ color: PALETTE.cavity, shininess: 5 }),
    // Unlit: a see-through veil over much of the screen is costly to light under software rendering.
    skin: new MeshBasicMaterial({ color: PALETTE.skin, vertexColors: true, transparent: true, opacity: 0.3, depthWrite: false }),
    numbing: new MeshPhongMaterial({ color: PALETTE.numbing, emissive: PALETTE.numbing, transparent: true, opacity: 0, depthWrite: false }),
    ghost: new MeshPhongMaterial({ color: PALETTE.ghostHealthy, emissive: PALETTE.ghostHealthy, emissiveIntensity: 0.4, transparent: true, opacity: 0.45, depthWrite: false }),
  };
  for (const m of Object.values(materials)) withCheapArithmetic(m);
  return materials;
}

/**
 * sRGB encoding from square roots, after Taylor's fit (chilliant.blogspot.com/2012/08/srgb-approximations-for-hlsl.html),
 * with the standard's linear segment near black: within one 8-bit level of IEC 61966-2-1 everywhere, and
 * exact on 98 % of levels (tests/unit/explain/cheapShading.test.ts).
 */
export const SRGB_FROM_ROOTS = { root: 0.662002687, fourthRoot: 0.68412206, eighthRoot: -0.323583601, linear: -0.022541147 } as const;

/** Three's Blinn–Phong term with its one costly call, pow(dotNH, shininess), left for a whole-number shininess to fill in. */
const BLINN_PHONG = ShaderChunk.bsdfs.replace('pow( dotNH, shininess )', 'shininessPower( dotNH )').replace('F_Schlick( specularColor, 1.0, dotVH )', 'fresnelPow5( specularColor, dotVH )');

/** GLSL for x to the whole power n by repeated squaring: a few multiplications instead of exp2(n·log2 x). */
export function powerByMultiplying(n: number): string {
  const lines = ['float p = x;', 'float result = 1.0;'];
  for (let k = n; k > 0; k >>= 1) {
    if (k & 1) lines.push('result *= p;');
    if (k > 1) lines.push('p *= p;');
  }
  return `float shininessPower( const in float x ) { ${lines.join(' ')} return result; }`;
}

/**
 * The same picture for less arithmetic per pixel. Under software WebGL (SwiftShader draws on the CPU)
 * the close-ups' cost is mostly shading pixels, and the transcendental functions are the dearest part of
 * it: three's sRGB encoding calls pow on every pixel of every material, and its Blinn–Phong calls pow for
 * the highlight and exp2 for the Fresnel term on every pixel for every light. Here the encoding comes from
 * square roots (SRGB_FROM_ROOTS), the highlight's power from multiplications (the shininesses are whole
 * numbers), and Fresnel is Schlick's own fifth power (Schlick 1994), which three's exp2 form approximates.
 */
function withCheapArithmetic(material: MeshPhongMaterial | MeshBasicMaterial): void {
  const { root, fourthRoot, eighthRoot, linear } = SRGB_FROM_ROOTS;
  const own = material.onBeforeCompile;
  const phong = material instanceof MeshPhongMaterial && Number.isInteger(material.shininess);
  // Keyed by the material's own additions and, as it is written into the program, the shininess.
  const key = `${material.customProgramCacheKey()}|${phong ? (material as MeshPhongMaterial).shininess : ''}`;
  material.customProgramCacheKey = () => key;
  material.onBeforeCompile = (shader, renderer) => {
    own.call(material, shader, renderer);
    const encode = `vec3 r1 = sqrt( gl_FragColor.rgb ), r2 = sqrt( r1 ), r3 = sqrt( r2 );
      gl_FragColor.rgb = mix( ${root} * r1 + ${fourthRoot} * r2 + ${eighthRoot} * r3 + ${linear} * gl_FragColor.rgb, gl_FragColor.rgb * 12.92, vec3( lessThanEqual( gl_FragColor.rgb, vec3( 0.0031308 ) ) ) );`;
    shader.fragmentShader = shader.fragmentShader.replace('#include <colorspace_fragment>', encode);
    if (phong)
      shader.fragmentShader = shader.fragmentShader.replace(
        '#include <bsdfs>',
        `${powerByMultiplying((material as MeshPhongMaterial).shininess)}
        vec3 fresnelPow5( const in vec3 f0, const in float dotVH ) { float m = 1.0 - dotVH; float m2 = m * m; return f0 + ( 1.0 - f0 ) * ( m2 * m2 * m ); }
        ${BLINN_PHONG}`,
      );
  };
}

/**
 * Bone as in a patient-education plate: the baked creases (BONE_CREASE_ATTRIBUTE) shade where the
 * processes meet, and a soft rim lifts the outline off the dark background.
 *
 * See-through bone as in medical illustration: nearly clear where the surface faces the viewer and
 * solid at its outline, so the bone keeps its shape while the instruments inside show (a uniformly
 * faded surface reads as grey mist). Only the vertebral body turns see-through: the arch behind
 * the back wall (`solidBehindZ`, in the vertebra's own millimetres) stays solid bone, so the
 * instruments are seen to enter it and come out in the body. Opaque bone is unaffected, as three
 * forces alpha to 1 there.
 */
function illustratedBone(material: MeshPhongMaterial): MeshPhongMaterial {
  const solidBehindZ = { value: -Infinity };
  const sectionColour = { value: new Color(PALETTE.section) };
  const cutOpen = { value: 0 };
  material.userData.solidBehindZ = solidBehindZ;
  material.userData.cutOpen = cutOpen;
  material.onBeforeCompile = (shader) => {
    shader.uniforms.solidBehindZ = solidBehindZ;
    shader.uniforms.sectionColour = sectionColour;
    shader.uniforms.cutOpen = cutOpen;
    shader.vertexShader = shader.vertexShader
      .replace('#include <common>', `#include <common>\nattribute float ${BONE_CREASE_ATTRIBUTE};\nvarying float vBoneZ;\nvarying float vCrease;`)
      .replace('#include <begin_vertex>', `#include <begin_vertex>\nvBoneZ = position.z;\nvCrease = ${BONE_CREASE_ATTRIBUTE};`);
    shader.fragmentShader = shader.fragmentShader
      .replace('#include <common>', '#include <common>\nvarying float vBoneZ;\nvarying float vCrease;\nuniform float solidBehindZ;\nuniform vec3 sectionColour;\nuniform float cutOpen;\nconst vec3 RIM_COLOUR = vec3(0.30, 0.30, 0.34);')
      // The cutaway (setCutaway) opens the body only: the arch behind its back wall stays whole.
      // Inside faces are dropped first thing while the cut is shut, before any of their shading is done.
      .replace('#include <clipping_planes_fragment>', 'if (!gl_FrontFacing && cutOpen < 0.5) discard;\nif (vBoneZ >= solidBehindZ) {\n#include <clipping_planes_fragment>\n}')
      // Creases darken towards a warm umber rather than grey, as in a painted plate.
      .replace('#include <color_fragment>', '#include <color_fragment>\ndiffuseColor.rgb *= mix(vec3(1.0), vec3(0.55, 0.45, 0.36), vCrease);')
      .replace(
        '#include <opaque_fragment>',
        `float facing = abs(dot(normal, normalize(vViewPosition)));
        // A soft rim where the surface turns away, which lifts the outline off the dark background (cubed by multiplying: see withCheapArithmetic).
        float away = 1.0 - facing;
        outgoingLight += RIM_COLOUR * (away * away * away) * (1.0 - vCrease);
        diffuseColor.a = vBoneZ < solidBehindZ ? 1.0 : mix(1.0, diffuseColor.a, smoothstep(0.05, 0.75, facing));
        // Inside faces, seen only through the cutaway, painted flat as a cut section of marrow rather than a hollow shell.
        if (!gl_FrontFacing) outgoingLight = sectionColour;
        #include <opaque_fragment>`,
      );
  };
  return material;
}

/** Where the see-through bone's solid arch begins: just behind the vertebral body's back wall. */
export function setSolidArch(materials: ExplainMaterials, bodyDepthMm: number): void {
  for (const m of [materials.bone, materials.focused, materials.fractured]) m.userData.solidBehindZ.value = -bodyDepthMm / 2 - 1;
}

/**
 * The cutaway of medical illustration, made ready on the broken bone's material once: double-sided,
 * in one pass (three would draw a see-through double-sided material twice, inside faces then outside),
 * with its one clipping plane. Opening and shutting the cut then only moves the plane and sets a
 * uniform, so no shader program is compiled mid-play (under software WebGL a compile stalls the
 * animation for a fraction of a second).
 */
function cutOpenable(material: MeshPhongMaterial): MeshPhongMaterial {
  material.side = DoubleSide;
  material.forceSinglePass = true;
  material.clippingPlanes = [new Plane()];
  return material;
}

/**
 * Cuts the bone's body along `plane` (world space), what lies on its positive side kept, so its section
 * shows its real profile where an intact rim would hide a sunken middle. Inside faces are drawn only
 * while `open`, as the see-through bone must not show them.
 */
export function setCutaway(material: MeshPhongMaterial, plane: Plane, open: boolean): void {
  material.clippingPlanes![0].copy(plane);
  material.userData.cutOpen.value = open ? 1 : 0;
}

/**
 * Sets a bone material's see-through level. It keeps writing depth: the instruments inside are
 * opaque and drawn before it, and its solid arch must hide what lies behind it.
 */
export function setOpacity(material: MeshPhongMaterial, opacity: number): void {
  const transparent = opacity < 0.999;
  // See-through surfaces would turn muddy grey against the dark background; a faint glow keeps their colour.
  material.emissive.copy(material.color).multiplyScalar(0.35 * (1 - opacity));
  if (material.transparent !== transparent) material.needsUpdate = true;
  material.transparent = transparent;
  material.opacity = opacity;
}

/**
 * Marks the broken bone by its colour more than by its glow: a strong glow lights the surface
 * evenly and flattens the shading that shows its wedge.
 */
export function setFractureGlow(material: MeshPhongMaterial, amount: number): void {
  material.emissive.add(new Color(PALETTE.fractureGlow).multiplyScalar(0.2 * amount));
  material.color.set(PALETTE.bone).lerp(new Color('#ee9a7c'), 0.7 * amount);
}

/**
 * An X-ray look: each surface darkens what is behind it by multiplying the picture, more at grazing
 * angles where a shell is seen edge-on, so overlapping bone, cortex and cement build up density as
 * on a fluoroscopy screen (radio-opaque dark on a light field).
 */
export function xrayMaterial(density: number): ShaderMaterial {
  return new ShaderMaterial({
    uniforms: { density: { value: density } },
    vertexShader: /* glsl */ `
      varying vec3 vNormal;
      varying vec3 vView;
      void main() {
        vec4 viewPosition = modelViewMatrix * vec4(position, 1.0);
        vNormal = normalize(normalMatrix * normal);
        vView = normalize(-viewPosition.xyz);
        gl_Position = projectionMatrix * viewPosition;
      }`,
    fragmentShader: /* glsl */ `
      uniform float density;
      varying vec3 vNormal;
      varying vec3 vView;
      void main() {
        float edgeOn = 1.0 - abs(dot(normalize(vNormal), normalize(vView)));
        float attenuation = clamp(density * (0.3 + 0.7 * pow(edgeOn, 1.6)), 0.0, 0.95);
        gl_FragColor = vec4(vec3(1.0 - attenuation), 1.0);
      }`,
    side: DoubleSide,
    transparent: true,
    depthTest: false,
    depthWrite: false,
    blending: CustomBlending,
    blendSrc: ZeroFactor,
    blendDst: SrcColorFactor,
  });
}

/** Densities on the fluoroscopy view: metal and cement are far denser than bone; soft tissue barely shows. */
export const XRAY_DENSITY = { bone: 0.3, disc: 0.04, metal: 0.85, cement: 0.7, balloon: 0.55 } as const;

/** Frees the materials' GPU programs and textures. */
export function disposeMaterials(materials: Iterable<Material>): void {
  for (const m of materials) m.dispose();
}
