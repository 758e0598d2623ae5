/** Every treatment option for a spinal compression fracture, in plain words, for the overview screen and the handout. */
export interface TreatmentOption {
  id: string;
  name: string;
  kind: 'non-surgical' | 'procedure' | 'operation';
  whatItIs: string;
  goodPoints: string[];
  downsides: string[];
}

export const OPTIONS_OVERVIEW: readonly TreatmentOption[] = [
  {
    id: 'rest',
    name: 'Rest and gentle activity',
    kind: 'non-surgical',
    whatItIs: 'A short rest, then walking and gentle exercise as the pain allows, often with a physiotherapist.',
    goodPoints: ['Most broken spine bones heal by themselves in 6 to 12 weeks.', 'No operation.'],
    downsides: ['Pain can last for weeks.', 'Long bed rest weakens muscles and bones, so it is kept short.'],
  },
  {
    id: 'pain-medicine',
    name: 'Pain medicine',
    kind: 'non-surgical',
    whatItIs: 'Tablets such as paracetamol, and sometimes stronger medicine for a short time.',
    goodPoints: ['Lets you move and sleep while the bone heals.'],
    downsides: ['Stronger medicines can cause drowsiness, constipation and falls.'],
  },
  {
    id: 'bone-strengthening',
    name: 'Bone-strengthening treatment',
    kind: 'non-surgical',
    whatItIs: 'Medicine, calcium and vitamin D that make bones stronger, whatever else is chosen.',
    goodPoints: ['Lowers the chance of another broken bone.'],
    downsides: ['Works over months, not days.', 'Each medicine has its own side effects to talk through.'],
  },
  {
    id: 'brace',
    name: 'A brace',
    kind: 'non-surgical',
    whatItIs: 'A support worn around the body for some weeks.',
    goodPoints: ['Can ease pain when you stand and walk.'],
    downsides: ['Can be uncomfortable and warm.', 'The benefit is uncertain.'],
  },
  {
    id: 'vertebroplasty',
    name: 'Vertebroplasty',
    kind: 'procedure',
    whatItIs: 'Bone cement is injected into the broken bone through a needle.',
    goodPoints: ['Often less pain within a day or two.', 'About an hour, often home the same day.'],
    downsides: ['The shape of the bone changes little.', 'Cement can leak outside the bone, usually without harm.', 'Another bone can break later.'],
  },
  {
    id: 'kyphoplasty',
    name: 'Kyphoplasty',
    kind: 'procedure',
    whatItIs: 'A small balloon makes a space in the broken bone, then cement fills it.',
    goodPoints: ['Often less pain within a day or two.', 'Can lift the squashed bone a little.'],
    downsides: ['The bone does not go back to its normal height.', 'Cement can leak outside the bone, usually without harm.', 'Another bone can break later.'],
  },
  {
    id: 'fusion',
    name: 'Spinal fusion',
    kind: 'operation',
    whatItIs: 'Screws and rods hold the bones above and below the break together.',
    goodPoints: ['Makes an unstable spine stable.', 'Can take pressure off nerves.'],
    downsides: ['A bigger operation with a few days in hospital.', 'That part of the spine bends less.', 'Infection, bleeding, nerve injury, loose screws in weak bone.'],
  },
];
