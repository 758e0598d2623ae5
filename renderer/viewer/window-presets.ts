/** Window/level presets in modality units (HU for CT); values as commonly used in CT reading. */
export interface WindowPreset {
  readonly name: string;
  readonly key: string;
  readonly center: number;
  readonly width: number;
}

export const CT_PRESETS: readonly WindowPreset[] = [
  { name: 'Bone', key: '1', center: 500, width: 2000 },
  { name: 'Soft tissue', key: '2', center: 40, width: 400 },
  { name: 'Spine soft tissue', key: '3', center: 50, width: 250 },
  { name: 'Lung', key: '4', center: -600, width: 1500 },
];

export function presetsFor(modality: string): readonly WindowPreset[] {
  return modality === 'CT' ? CT_PRESETS : [];
}
