/**
 * SpineLab's own words in a DICOM instance, folded to ASCII: the default repertoire (ISO-IR 6, PS3.5 §6.1.2.1)
 * needs no Specific Character Set, so only the patient's and study's own text can ever call for one. The
 * typography the app uses elsewhere ("T12 superior – L2 inferior", "12.3°", "≥ 20%") becomes its plain form.
 */
const FOLDS: Readonly<Record<string, string>> = {
  '–': '-',
  '—': '-',
  '−': '-',
  '°': ' deg',
  '≥': '>=',
  '≤': '<=',
  '×': 'x',
  '±': '+/-',
  '′': "'",
  '″': "''",
  '‘': "'",
  '’': "'",
  '“': '"',
  '”': '"',
  '…': '...',
  '·': '-',
  '\u00a0': ' ',
};

const NON_ASCII = /[^\x00-\x7f]/g;
const COMBINING_MARKS = /[\u0300-\u036f]/g;

export function isAscii(text: string): boolean {
  return !/[^\x00-\x7f]/.test(text);
}

/** Typography to its ASCII form; accented letters lose their accents; anything else becomes "?". */
export function foldToAscii(text: string): string {
  return text.replace(NON_ASCII, (c) => FOLDS[c] ?? (c.normalize('NFKD').replace(COMBINING_MARKS, '').replace(NON_ASCII, '') || '?'));
}
