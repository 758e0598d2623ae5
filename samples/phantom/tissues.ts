/**
 * Tissue classes of the phantom and how each looks on every modality.
 *
 * The order of TISSUES is the painting order: where two shapes overlap, the later tissue wins
 * (marrow inside its cortical shell, the body over the disc it presses into, cement over marrow).
 */
export const TISSUES = [
  'air',
  'softTissue', // abdominal organs, ligaments: anything unnamed inside the body outline
  'fat', // subcutaneous, retroperitoneal and epidural fat
  'muscle',
  'blood', // aorta and inferior vena cava
  'csf',
  'cord',
  'discAnnulus',
  'discNucleus',
  'corticalBone',
  'cancellousBone', // fatty marrow of an older adult
  'marrowOedema', // acute fracture: water replaces fat in the marrow
  'impactedBone', // compressed trabeculae under a fractured endplate (sclerotic band)
  'gas', // intravertebral vacuum cleft (Kümmell)
  'cement', // PMMA with barium after vertebral augmentation
] as const;

export type Tissue = (typeof TISSUES)[number];

export const TISSUE_INDEX: Readonly<Record<Tissue, number>> = Object.fromEntries(TISSUES.map((name, index) => [name, index])) as Record<Tissue, number>;

export interface TissueAppearance {
  /** CT attenuation in Hounsfield units. */
  readonly hu: number;
  /** MR signal on an arbitrary 0–1000 scale, for a T1 TSE, a T2 TSE (no fat suppression) and a STIR. */
  readonly t1: number;
  readonly t2: number;
  readonly stir: number;
}

/**
 * Values chosen from textbook appearances (DOMAIN.md §4): acute oedema is dark on T1 and bright on STIR;
 * fat is bright on T1 and T2 TSE and suppressed on STIR; CSF is bright on T2 and STIR; cortex, gas,
 * cement and flowing blood give no MR signal. Older adults have fatty marrow: bright on T1.
 */
export const APPEARANCE: Readonly<Record<Tissue, TissueAppearance>> = {
  air: { hu: -1000, t1: 0, t2: 0, stir: 0 },
  softTissue: { hu: 40, t1: 380, t2: 330, stir: 260 },
  fat: { hu: -100, t1: 900, t2: 680, stir: 70 },
  muscle: { hu: 50, t1: 330, t2: 200, stir: 170 },
  blood: { hu: 42, t1: 40, t2: 40, stir: 40 },
  csf: { hu: 8, t1: 130, t2: 980, stir: 900 },
  cord: { hu: 35, t1: 430, t2: 380, stir: 300 },
  discAnnulus: { hu: 90, t1: 260, t2: 170, stir: 150 },
  discNucleus: { hu: 70, t1: 320, t2: 640, stir: 520 },
  corticalBone: { hu: 1300, t1: 40, t2: 30, stir: 30 },
  cancellousBone: { hu: 200, t1: 620, t2: 500, stir: 110 },
  marrowOedema: { hu: 215, t1: 230, t2: 600, stir: 760 },
  impactedBone: { hu: 520, t1: 170, t2: 150, stir: 140 },
  gas: { hu: -900, t1: 15, t2: 15, stir: 15 },
  cement: { hu: 2800, t1: 20, t2: 20, stir: 20 },
};

/** Per-index lookup of one property, for inner loops over tissue indices. */
export function appearanceTable(property: keyof TissueAppearance): Float64Array {
  return Float64Array.from(TISSUES, (tissue) => APPEARANCE[tissue][property]);
}
