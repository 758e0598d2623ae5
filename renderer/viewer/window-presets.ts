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

/**
 * The window a viewport shows: its image's own (no preset), a preset the reader chose, or either adjusted
 * by hand. Reset returns to the chosen preset, not to the image's window, so a bone window survives R.
 */
export interface WindowChoice {
  readonly preset?: string;
  readonly custom: boolean;
}

export const IMAGE_WINDOW: WindowChoice = { custom: false };

export function presetNamed(modality: string, name: string | undefined): WindowPreset | undefined {
  return presetsFor(modality).find((p) => p.name === name);
}

/** The window menu's active entry: the preset's name, 'custom' after a drag, '' for the image's own window. */
export function activeWindowEntry(choice: WindowChoice): string {
  return choice.custom ? 'custom' : (choice.preset ?? '');
}
