import { DISCLAIMER } from '../api';
import type { BodyPart, Phrasebook } from './phrasebook';

const PART: Record<BodyPart, string> = { front: 'front', middle: 'middle', back: 'back' };

/**
 * English. Plain words and short sentences after DOMAIN.md §6, to be reviewed by a clinician;
 * honest about risks, and never promising that a taller bone means less pain (Mooney, DOMAIN.md §3).
 */
export const EN: Phrasebook = {
  language: 'en',
  languageName: 'English',
  possessive: /\byours?\b/i,
  procedureName: { vertebroplasty: 'Vertebroplasty', kyphoplasty: 'Kyphoplasty', fusion: 'Spinal fusion' },
  allOptions: 'All options',
  spine: {
    measured: (f) => ({
      title: 'The spine, as measured',
      caption:
        f.lossPercent >= 5
          ? `This is your spine, seen from the side. The highlighted bone, ${f.level}, is broken and squashed. Measured on ${f.where}, its ${PART[f.part]} is ${f.heightMm.toFixed(0)} mm tall: about ${f.lossPercent}% shorter than it should be.`
          : `This is your spine, seen from the side. The highlighted bone is ${f.level}. Measured on ${f.where}, its height is close to normal.`,
    }),
    example: (f) => ({
      title: 'An example spine',
      caption:
        f.lossPercent >= 5
          ? `This is an example of a spine, seen from the side. The highlighted bone, ${f.level}, shows a broken, squashed bone. In this example its ${PART[f.part]} is made about ${f.lossPercent}% shorter than normal. It is not a measurement from a scan.`
          : `This is an example of a spine, seen from the side. The highlighted bone is ${f.level}. In this example its height is close to normal. It is not a measurement from a scan.`,
    }),
  },
  lyingProne: {
    title: 'Lying face down',
    caption: 'You lie face down on a padded table. You may get medicine through a drip to help you relax.',
  },
  xrayGuidance: {
    title: 'X-ray guidance',
    caption: 'Live X-ray pictures show the doctor the bones. They guide every move.',
  },
  numbing: {
    title: 'Numbing',
    caption: 'The doctor numbs the skin and the tissue down to the bone. You feel a small sting, then pressure but not pain.',
  },
  instrumentIn: (noun, bipedicular) => ({
    title: bipedicular ? `The ${noun}s go in` : `The ${noun} goes in`,
    caption: bipedicular
      ? `Through tiny cuts, two thin hollow ${noun}s, one on each side, pass through a narrow part of the bone into the broken bone.`
      : `Through a tiny cut, a thin hollow ${noun} passes through a narrow part of the bone into the broken bone.`,
  }),
  instrumentOut: (noun, bipedicular) => {
    const out = bipedicular ? `The ${noun}s come out` : `The ${noun} comes out`;
    return { title: out, caption: `${out}. ${bipedicular ? 'Small plasters cover the cuts' : 'A small plaster covers the cut'}. No stitches are needed.` };
  },
  cementSets: {
    title: 'The cement sets',
    caption: 'The cement hardens within minutes, like a cast inside the bone. Afterwards you rest lying flat for about an hour. Most people go home the same day.',
  },
  vertebroplasty: {
    cement: {
      title: 'Cement fills the bone',
      caption: 'Bone cement, a thick paste, is slowly pushed in. It spreads into the cracks of the broken bone.',
    },
    expect: {
      title: 'What to expect',
      caption: 'Many people have less pain within a day or two. The bone keeps its shape: the aim is less pain and a stable bone. Cement can leak outside the bone, usually without harm. Another bone can break later, so bone-strengthening treatment goes on.',
    },
  },
  kyphoplasty: {
    balloonInflate: (bipedicular) => ({
      title: 'The balloon makes a space',
      caption: `Next, ${bipedicular ? 'a small balloon goes into each tube' : 'a small balloon goes into the tube'} and is gently filled. It pushes the soft broken bone aside to make a space. It can lift the squashed bone a little.`,
    }),
    balloonOut: { title: 'The balloon comes out', caption: 'The balloon is emptied and taken out. It leaves a space inside the bone.' },
    cement: { title: 'Cement fills the space', caption: 'Thick bone cement slowly fills the space. It holds the bone in its new shape.' },
    expect: {
      title: 'What to expect',
      caption: 'Many people have less pain within a day or two. The bone is a little taller, but not back to normal: the aim is less pain and a stable bone. A taller bone does not mean less pain. Cement can leak outside the bone, usually without harm. Another bone can break later, so bone-strengthening treatment goes on.',
    },
  },
  fusion: {
    asleep: { title: 'Asleep, lying face down', caption: 'For this operation you are fully asleep. You lie face down.' },
    screws: { title: 'Screws', caption: 'Screws go through a narrow part of the bone above and the bone below the broken one.' },
    rods: { title: 'Rods join the screws', caption: 'Two metal rods join the screws. They hold this part of the spine still while it heals.' },
    expect: {
      title: 'What to expect',
      caption: 'This is a bigger operation, with a few days in hospital. This part of the spine will bend less. Risks include infection, bleeding, nerve injury and screws loosening in weak bone.',
    },
  },
  handout: {
    title: (name) => `${name}: step by step`,
    boneMeasured: (f) => `Your broken bone: ${f.level} (measured on ${f.where})`,
    boneExample: (f) => `An example, not a measurement: ${f.level}, its ${PART[f.part]} about ${f.lossPercent}% shorter than normal`,
    stepHeading: (n, count, title) => `Step ${n} of ${count}: ${title}`,
    page: (n, count) => `Page ${n} of ${count}`,
  },
  screen: {
    liveXray: 'Live X-ray view',
    disclaimer: DISCLAIMER,
    language: 'Language',
    ownModelBuilding: (percent) => `Building the model from the CT… ${percent}%`,
    ownModelShown: (level) => `Model built from this CT: ${level} and its neighbours`,
    ownModelFallback: (reason) =>
      `Drawn model shown: ${reason === 'too-coarse' ? 'the CT slices are too far apart for a model' : reason === 'level-not-covered' ? 'the CT does not cover the measured level' : 'the bone could not be traced on this CT'}.`,
  },
  overview: {
    heading: 'The options',
    lead: 'Most broken spine bones heal by themselves over weeks. Whatever is chosen, bone-strengthening treatment helps prevent the next one.',
    kinds: { 'non-surgical': 'Without surgery', procedure: 'Small procedure', operation: 'Operation' },
    options: {
      rest: {
        name: 'Rest and gentle activity',
        whatItIs: 'A short rest, then walking and gentle exercise as the pain allows, often with a physiotherapist.',
        goodPoints: ['Most broken spine bones heal by themselves in 6 to 12 weeks.', 'No operation.'],
        downsides: ['Pain can last for weeks.', 'Long bed rest weakens muscles and bones, so it is kept short.'],
      },
      'pain-medicine': {
        name: 'Pain medicine',
        whatItIs: 'Tablets such as paracetamol, and sometimes stronger medicine for a short time.',
        goodPoints: ['Makes it easier to move and sleep while the bone heals.'],
        downsides: ['Stronger medicines can cause drowsiness, constipation and falls.'],
      },
      'bone-strengthening': {
        name: 'Bone-strengthening treatment',
        whatItIs: 'Medicine, calcium and vitamin D that make bones stronger, whatever else is chosen.',
        goodPoints: ['Lowers the chance of another broken bone.'],
        downsides: ['Works over months, not days.', 'Each medicine has its own side effects to talk through.'],
      },
      brace: {
        name: 'A brace',
        whatItIs: 'A support worn around the body for some weeks.',
        goodPoints: ['Can ease pain when standing and walking.'],
        downsides: ['Can be uncomfortable and warm.', 'The benefit is uncertain.'],
      },
      vertebroplasty: {
        name: 'Vertebroplasty',
        whatItIs: 'Bone cement is injected into the broken bone through a needle.',
        goodPoints: ['Often less pain within a day or two.', 'About an hour, often home the same day.'],
        downsides: ['The shape of the bone changes little.', 'Cement can leak outside the bone, usually without harm.', 'Another bone can break later.'],
      },
      kyphoplasty: {
        name: 'Kyphoplasty',
        whatItIs: 'A small balloon makes a space in the broken bone, then cement fills it.',
        goodPoints: ['Often less pain within a day or two.', 'Can lift the squashed bone a little.'],
        downsides: ['The bone does not go back to its normal height.', 'Cement can leak outside the bone, usually without harm.', 'Another bone can break later.'],
      },
      fusion: {
        name: 'Spinal fusion',
        whatItIs: 'Screws and rods hold the bones above and below the break together.',
        goodPoints: ['Makes an unstable spine stable.', 'Can take pressure off nerves.'],
        downsides: ['A bigger operation with a few days in hospital.', 'That part of the spine bends less.', 'Infection, bleeding, nerve injury, loose screws in weak bone.'],
      },
    },
  },
};
