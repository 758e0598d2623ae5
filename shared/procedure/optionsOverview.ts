import type { OptionKind, TreatmentOptionId } from '../i18n/phrasebook';

/** Every treatment option for a spinal compression fracture, in the order the overview shows them; their words are in each phrasebook. */
export const OPTIONS_OVERVIEW: readonly { id: TreatmentOptionId; kind: OptionKind }[] = [
  { id: 'rest', kind: 'non-surgical' },
  { id: 'pain-medicine', kind: 'non-surgical' },
  { id: 'bone-strengthening', kind: 'non-surgical' },
  { id: 'brace', kind: 'non-surgical' },
  { id: 'vertebroplasty', kind: 'procedure' },
  { id: 'kyphoplasty', kind: 'procedure' },
  { id: 'fusion', kind: 'operation' },
];
