import { describe, expect, it } from 'vitest';
import { EN } from '../../../shared/i18n/en';
import { LANGUAGES, PHRASEBOOKS } from '../../../shared/i18n';
import type { MeasuredFractureFacts } from '../../../shared/i18n/phrasebook';

const FACTS: MeasuredFractureFacts = { level: 'T12', part: 'front', lossPercent: 32, heightMm: 16.7, where: 'CT SAG, image 256' };

/** Every leaf of a phrasebook as path → text; functions are called with every combination of sample arguments they take. */
function leaves(value: unknown, path = ''): Map<string, string> {
  const out = new Map<string, string>();
  if (typeof value === 'string') out.set(path, value);
  else if (value instanceof RegExp) out.set(path, value.source);
  else if (typeof value === 'function') {
    const samples: unknown[][] = [[FACTS], [{ ...FACTS, lossPercent: 2 }], ['needle', true], ['tube', false], [true], [false], [3, 11, 'Title'], [40], ['too-coarse'], ['level-not-covered'], ['segmentation-failed'], ['Kyphoplasty']];
    for (const [i, args] of samples.entries()) {
      if (args.length !== (value as (...a: unknown[]) => unknown).length) continue;
      for (const [k, v] of leaves((value as (...a: unknown[]) => unknown)(...args), `${path}(${i})`)) out.set(k, v);
    }
  } else if (Array.isArray(value)) value.forEach((v, i) => leaves(v, `${path}[${i}]`).forEach((t, k) => out.set(k, t)));
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value)) leaves(v, `${path}.${key}`).forEach((t, k) => out.set(k, t));
  }
  return out;
}

describe('the phrasebooks', () => {
  const english = leaves(EN);

  it.each(LANGUAGES)('%s has every text English has, none of them empty', (language) => {
    const words = leaves(PHRASEBOOKS[language]);
    expect([...words.keys()].sort()).toEqual([...english.keys()].sort());
    for (const [key, text] of words) expect(text.trim(), key).not.toBe('');
  });

  it.each(LANGUAGES.filter((l) => l !== 'en'))('%s is translated, not left in English', (language) => {
    const words = leaves(PHRASEBOOKS[language]);
    const same = [...words].filter(([key, text]) => english.get(key) === text && text.split(/\s+/).length > 2);
    expect(same).toEqual([]);
  });

  it.each(LANGUAGES)('%s says the language it is in', (language) => {
    expect(PHRASEBOOKS[language].language).toBe(language);
  });
});
