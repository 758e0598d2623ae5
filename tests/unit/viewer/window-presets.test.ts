import { describe, expect, it } from 'vitest';
import { IMAGE_WINDOW, activeWindowEntry, presetNamed } from '../../../renderer/viewer/window-presets';

describe('window choice', () => {
  it('shows the image’s own window as no entry, a preset by name, and a hand-adjusted one as custom', () => {
    expect(activeWindowEntry(IMAGE_WINDOW)).toBe('');
    expect(activeWindowEntry({ preset: 'Bone', custom: false })).toBe('Bone');
    expect(activeWindowEntry({ preset: 'Bone', custom: true })).toBe('custom');
    expect(activeWindowEntry({ custom: true })).toBe('custom');
  });

  it('finds presets by name for CT only', () => {
    expect(presetNamed('CT', 'Bone')).toMatchObject({ center: 500, width: 2000 });
    expect(presetNamed('MR', 'Bone')).toBeUndefined();
    expect(presetNamed('CT', undefined)).toBeUndefined();
  });
});
