import type { InstanceHeader } from './header';

/**
 * What kind of MR series this is, as a reader names it: T1, T2, STIR, PD, FLAIR, with fat saturation
 * noted. Readers put STIR beside T1 to judge an acute fracture (marrow oedema: dark T1, bright STIR;
 * DOMAIN.md §4), so the series panel labels them.
 *
 * Evidence in order of trust: the words of the Series Description, then the physics: Scanning Sequence
 * IR with a short Inversion Time (about 100–250 ms at 1.5–3 T) nulls fat, which is STIR; otherwise TR and
 * TE (PS3.3 C.8.3.1): short TR and short TE weight T1, long TR and long TE weight T2, long TR and short
 * TE weight proton density.
 */
export type MrWeighting = 'T1' | 'T2' | 'STIR' | 'PD' | 'FLAIR';

export interface MrSequenceLabel {
  readonly weighting: MrWeighting;
  readonly fatSaturated: boolean;
  /** 'description' when the series name said so; 'parameters' when derived from TR/TE/TI. */
  readonly from: 'description' | 'parameters';
  readonly text: string;
}

const FAT_SAT_WORDS = new Set(['FS', 'FATSAT', 'SPAIR', 'SPIR', 'CHESS', 'WATER']);
const SURVEY_WORDS = new Set(['LOC', 'LOCALIZER', 'LOCALISER', 'SCOUT', 'SURVEY', 'CALIBRATION']);

/** Vendors join words with spaces, underscores or dashes ("t2_tirm_sag", "SAG T2 FS"). */
const words = (text: string): string[] => text.toUpperCase().split(/[^A-Z0-9]+/).filter(Boolean);

function fromDescription(description: string): MrWeighting | undefined {
  const w = words(description);
  if (w.some((x) => x === 'STIR' || x === 'TIRM')) return 'STIR';
  if (w.some((x) => x.startsWith('FLAIR'))) return 'FLAIR';
  if (w.some((x) => x === 'PD' || x.startsWith('PROTON'))) return 'PD';
  if (w.some((x) => x.startsWith('T1'))) return 'T1';
  if (w.some((x) => x.startsWith('T2'))) return 'T2';
  return undefined;
}

function fromParameters(h: InstanceHeader): MrWeighting | undefined {
  const mr = h.mr;
  if (!mr) return undefined;
  const ti = mr.inversionTime;
  if (mr.scanningSequence?.includes('IR') && ti !== undefined) {
    if (ti >= 80 && ti <= 250) return 'STIR';
    if (ti >= 1500) return 'FLAIR';
  }
  const tr = mr.repetitionTime;
  const te = mr.echoTime;
  if (tr === undefined || te === undefined) return undefined;
  // Very short TR belongs to gradient-echo surveys, not to a T1-weighted series.
  if (tr >= 300 && tr < 1000 && te < 30) return 'T1';
  if (tr >= 1500 && te >= 60) return 'T2';
  if (tr >= 1500 && te < 40) return 'PD';
  return undefined;
}

export function mrSequenceLabel(h: InstanceHeader): MrSequenceLabel | undefined {
  if (h.modality !== 'MR' || words(h.seriesDescription ?? '').some((x) => SURVEY_WORDS.has(x))) return undefined;
  const described = h.seriesDescription ? fromDescription(h.seriesDescription) : undefined;
  const weighting = described ?? fromParameters(h);
  if (!weighting) return undefined;
  const fatSaturated =
    weighting !== 'STIR' &&
    ([...words(h.seriesDescription ?? ''), ...words(h.mr?.scanOptions ?? '')].some((x) => FAT_SAT_WORDS.has(x)) || /FAT[ _-]?SAT|DIXON[ _-]?W/i.test(h.seriesDescription ?? ''));
  return { weighting, fatSaturated, from: described ? 'description' : 'parameters', text: fatSaturated ? `${weighting} FS` : weighting };
}
