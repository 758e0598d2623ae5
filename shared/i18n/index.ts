import { EN } from './en';
import { ES } from './es';
import type { Language, Phrasebook } from './phrasebook';

export type { Language, Phrasebook } from './phrasebook';

/** Every language the patient-facing text exists in, in the order the picker lists them. */
export const PHRASEBOOKS: Readonly<Record<Language, Phrasebook>> = { en: EN, es: ES };

export const LANGUAGES = Object.keys(PHRASEBOOKS) as Language[];

export function phrasebook(language: Language): Phrasebook {
  return PHRASEBOOKS[language];
}
