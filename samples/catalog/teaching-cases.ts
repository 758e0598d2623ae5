import type { Level } from '../phantom/levels';
import type { SegmentAngle, VertebraTruth } from '../phantom/morphometry';
import type { CaseDefinition, PhantomStudyTruth } from './case-definition';

/**
 * The course: seven synthetic cases from a normal spine to multiple osteoporotic fractures
 * (DOMAIN.md §1–§4). Notes quote the ground truth, so the numbers always match the images.
 */

function vertebra(truth: readonly PhantomStudyTruth[], key: string, level: Level): VertebraTruth {
  const found = truth.find((s) => s.key === key)?.vertebrae.find((v) => v.level === level);
  if (!found) throw new Error(`No ground truth for ${level} in study ${key}`);
  return found;
}

function angle(truth: readonly PhantomStudyTruth[], key: string, index = 0): SegmentAngle {
  const found = truth.find((s) => s.key === key)?.angles[index];
  if (!found) throw new Error(`No angle ${index} in study ${key}`);
  return found;
}

const mm = (value: number): string => `${value.toFixed(1)} mm`;
const pct = (value: number): string => `${Math.round(value)}%`;
const deg = (value: number): string => `${Math.abs(value).toFixed(1)}°`;
const heights = (v: VertebraTruth): string => `Ha ${mm(v.ha)}, Hm ${mm(v.hm)}, Hp ${mm(v.hp)}`;
const GRADE_WORDS = ['normal (grade 0)', 'mild (Genant grade 1)', 'moderate (Genant grade 2)', 'severe (Genant grade 3)'] as const;

const SIX_POINT_METHOD =
  'Place the six points on each body in the mid-sagittal plane: the anterior, middle and posterior points of the superior endplate and of the inferior endplate. Corners sit on the cortical margin; the middle points sit on the deepest part of each endplate; the posterior points lie on the posterior wall, not on the pedicle.';

export const TEACHING_CASES: readonly CaseDefinition[] = [
  {
    id: 'case-01-normal',
    title: 'Normal thoracolumbar spine',
    difficulty: 'beginner',
    summary: 'A normal lateral radiograph and CT of T10–L3: learn the normal shapes before looking for fractures.',
    level: 'T10–L3',
    patient: { name: 'SAMPLE^NORMAL', id: 'SL-CASE-01', sex: 'F', birthDate: '19620101', age: '062Y' },
    studies: [
      {
        key: 'main',
        label: 'Baseline',
        date: '20240108',
        time: '091500',
        description: 'XR and CT thoracolumbar spine',
        fractures: [],
        series: [
          { kind: 'radiograph', folder: 'xr-lateral', photometric: 'MONOCHROME2' },
          { kind: 'ct', folder: 'ct-axial', centreLevel: 'T12' },
        ],
        angles: [['T12', 'L2']],
      },
    ],
    notes: (truth) => {
      const t11 = vertebra(truth, 'main', 'T11');
      const l2 = vertebra(truth, 'main', 'L2');
      const segment = angle(truth, 'main');
      return {
        history: 'A 62-year-old woman with mechanical back pain after gardening. No trauma, no weight loss, no known osteoporosis. Imaging to exclude a fracture.',
        whatToLookAt:
          'Count the levels from the lowest rib-bearing vertebra (T12). Each body should be a rectangle with crisp cortical margins; endplates are gently concave; disc spaces grow taller from T10 down to L3; the posterior wall of each body is straight and lines up with its neighbours. Lower thoracic bodies are normally a little shorter in front (physiological wedging), lumbar bodies are not.',
        whatToMeasure: `${SIX_POINT_METHOD} Measure T11 and L2 and compare the ratios with the fracture thresholds.`,
        answerExplained: `No fracture. T11: ${heights(t11)}, Ha/Hp ${t11.haHp.toFixed(2)} — the physiological wedging of a lower thoracic body (${pct(t11.lossPercent.anteriorVsOwnPosterior)} below its posterior height), below the 20% threshold for a fracture. L2: ${heights(l2)}, Ha/Hp ${l2.haHp.toFixed(2)}. The segment ${segment.label} is ${segment.words}. Knowing normal wedging avoids over-calling thoracic fractures.`,
      };
    },
  },
  {
    id: 'case-02-l1-mild-wedge',
    title: 'Mild wedge fracture of L1',
    difficulty: 'beginner',
    summary: 'Lateral radiograph with a mild (Genant grade 1) anterior wedge fracture of L1.',
    level: 'L1',
    patient: { name: 'SAMPLE^MILDWEDGE', id: 'SL-CASE-02', sex: 'F', birthDate: '19520314', age: '072Y' },
    studies: [
      {
        key: 'main',
        label: 'Presentation',
        date: '20240212',
        time: '103000',
        description: 'XR thoracolumbar spine lateral',
        fractures: [{ level: 'L1', shape: 'wedge', heightLoss: 0.22, acute: false }],
        series: [{ kind: 'radiograph', folder: 'xr-lateral', photometric: 'MONOCHROME2' }],
        angles: [['T12', 'L2']],
      },
    ],
    notes: (truth) => {
      const l1 = vertebra(truth, 'main', 'L1');
      const segment = angle(truth, 'main');
      return {
        history: 'A 72-year-old woman with osteopenia felt sudden upper lumbar pain lifting a shopping bag three weeks ago. Standing lateral radiograph.',
        whatToLookAt:
          'Compare the anterior and posterior heights of each body from T12 to L2. Look for an anterior wall that is shorter than the posterior wall in a lumbar body, a superior endplate that slopes down towards the front, and a dense band under that endplate (compressed trabeculae).',
        whatToMeasure: `${SIX_POINT_METHOD} Measure L1 and its neighbours T12 and L2. Calculate Ha/Hp and the anterior height loss (1 − Ha/Hp), and state which reference you used.`,
        answerExplained: `L1 has an anterior wedge fracture: ${heights(l1)}, Ha/Hp ${l1.haHp.toFixed(2)}, an anterior loss of ${pct(l1.lossPercent.anteriorVsOwnPosterior)} against its own posterior wall — ${GRADE_WORDS[l1.genantGrade]}. Against the mean anterior height of T12 and L2 the loss is ${pct(l1.lossPercent.anteriorVsNeighbours)}, which shows why the reference must always be stated; the ACR rule takes the larger. Wedge angle ${deg(l1.wedgeAngleDeg)}; ${segment.label} ${segment.words}. The posterior wall is intact. A radiograph cannot tell whether it is recent: MRI would.`,
      };
    },
  },
  {
    id: 'case-03-t12-moderate-wedge-ct',
    title: 'Moderate wedge fracture of T12 on CT',
    difficulty: 'intermediate',
    summary: 'Axial CT with sagittal reformat: a moderate (Genant grade 2) wedge fracture of T12 with an intact posterior wall.',
    level: 'T12',
    patient: { name: 'SAMPLE^T12WEDGE', id: 'SL-CASE-03', sex: 'M', birthDate: '19480922', age: '075Y' },
    studies: [
      {
        key: 'main',
        label: 'Presentation',
        date: '20240304',
        time: '141000',
        description: 'CT thoracolumbar spine',
        fractures: [{ level: 'T12', shape: 'wedge', heightLoss: 0.32, acute: false }],
        series: [{ kind: 'ct', folder: 'ct-axial', centreLevel: 'T12' }],
        angles: [['T11', 'L1']],
      },
    ],
    notes: (truth) => {
      const t12 = vertebra(truth, 'main', 'T12');
      const segment = angle(truth, 'main');
      return {
        history: 'A 75-year-old man on long-term oral steroids for lung disease with thoracolumbar pain after a fall from standing height. CT was requested to assess the posterior wall.',
        whatToLookAt:
          'Build a sagittal reformat through the midline. Follow the anterior cortex of each body, the endplates and the posterior wall. On the axial slices, check that the posterior wall and the pedicles are intact and that no fragment narrows the canal.',
        whatToMeasure: `${SIX_POINT_METHOD} Measure T12 on the mid-sagittal reformat (x = 0), and its neighbours T11 and L1; measure the local kyphosis from the superior endplate of T11 to the inferior endplate of L1.`,
        answerExplained: `T12 wedge fracture: ${heights(t12)}, Ha/Hp ${t12.haHp.toFixed(2)}, anterior loss ${pct(t12.lossPercent.anteriorVsOwnPosterior)} against its posterior wall (${pct(t12.lossPercent.anteriorVsNeighbours)} against T11 and L1) — ${GRADE_WORDS[t12.genantGrade]}. Wedge angle ${deg(t12.wedgeAngleDeg)}; ${segment.label} ${segment.words}. The posterior wall keeps its height and is not displaced, the pedicles are intact: a stable osteoporotic compression fracture, not a burst fracture.`,
      };
    },
  },
  {
    id: 'case-04-l1-severe-crush',
    title: 'Severe crush fracture of L1 with an intravertebral cleft',
    difficulty: 'advanced',
    summary: 'Lateral radiograph (MONOCHROME1) and CT: a severe (grade 3) crush fracture of L1 with local kyphosis and an intravertebral gas cleft.',
    level: 'L1',
    patient: { name: 'SAMPLE^L1CRUSH', id: 'SL-CASE-04', sex: 'F', birthDate: '19400605', age: '083Y' },
    studies: [
      {
        key: 'main',
        label: 'Presentation',
        date: '20240415',
        time: '083000',
        description: 'XR and CT thoracolumbar spine',
        fractures: [{ level: 'L1', shape: 'crush', heightLoss: 0.55, acute: false, gasCleft: true }],
        series: [
          { kind: 'radiograph', folder: 'xr-lateral', photometric: 'MONOCHROME1' },
          { kind: 'ct', folder: 'ct-axial', centreLevel: 'L1' },
        ],
        angles: [['T12', 'L2']],
      },
    ],
    notes: (truth) => {
      const l1 = vertebra(truth, 'main', 'L1');
      const segment = angle(truth, 'main');
      return {
        history: 'An 83-year-old woman with severe osteoporosis and two months of worsening upper lumbar pain, now unable to stand for long. She is stooping more than before.',
        whatToLookAt:
          'The radiograph is stored as MONOCHROME1 (inverted values): the viewer must display bone white. Compare L1 with T12 and L2: all three heights of L1 are reduced, including the posterior wall. Look for a thin horizontal dark line inside the body (gas in an intravertebral cleft, Kümmell disease) and for the change of alignment at the thoracolumbar junction. On CT, confirm the cleft and check the posterior wall and canal.',
        whatToMeasure: `${SIX_POINT_METHOD} Measure L1, T12 and L2. Because the posterior wall of L1 has collapsed, its own posterior height is not a valid reference: compare with the neighbours (Hp/Hp′). Measure the local kyphosis from the superior endplate of T12 to the inferior endplate of L2.`,
        answerExplained: `Severe crush fracture of L1: ${heights(l1)}. Against the neighbours, Ha is ${pct(l1.lossPercent.anteriorVsNeighbours)} lower, Hm ${pct(l1.lossPercent.middleVsNeighbours)} and Hp ${pct(l1.lossPercent.posteriorVsNeighbours)}; Hp/Hp′ ${l1.hpRatioToNeighbours.toFixed(2)} is the lowest ratio, so the shape is a crush — ${GRADE_WORDS[l1.genantGrade]}. Against its own posterior wall the anterior loss looks only ${pct(l1.lossPercent.anteriorVsOwnPosterior)}: the own-posterior reference fails when Hp itself has collapsed. Wedge angle ${deg(l1.wedgeAngleDeg)}; ${segment.label} ${segment.words}. The gas cleft means an unhealed fracture (Kümmell); such a body may open when lying supine.`,
      };
    },
  },
  {
    id: 'case-05-acute-vs-chronic-mr',
    title: 'Acute or old? Two fractures on MRI',
    difficulty: 'intermediate',
    summary: 'Sagittal T1, T2 and STIR: an acute L1 fracture with marrow oedema and an old, healed T12 fracture.',
    level: 'T12 and L1',
    patient: { name: 'SAMPLE^ACUTECHRONIC', id: 'SL-CASE-05', sex: 'F', birthDate: '19460227', age: '078Y' },
    studies: [
      {
        key: 'main',
        label: 'Presentation',
        date: '20240520',
        time: '160000',
        description: 'MR thoracolumbar spine',
        fractures: [
          { level: 'T12', shape: 'wedge', heightLoss: 0.3, acute: false },
          { level: 'L1', shape: 'wedge', heightLoss: 0.22, acute: true },
        ],
        series: [{ kind: 'mr', centreLevel: 'L1' }],
        angles: [['T11', 'L2']],
      },
    ],
    notes: (truth) => {
      const t12 = vertebra(truth, 'main', 'T12');
      const l1 = vertebra(truth, 'main', 'L1');
      return {
        history: 'A 78-year-old woman with a T12 fracture known from radiographs two years ago, now with new pain one level lower after a minor fall ten days ago. Referred for vertebral augmentation: which level hurts?',
        whatToLookAt:
          'Compare the marrow signal of every body on the three sequences. Normal fatty marrow is bright on T1 and dark on STIR. Oedema (water) in a recent fracture is dark on T1 and bright on STIR, often as a band under the fractured endplate. An old, healed fracture keeps normal fatty marrow signal despite its shape.',
        whatToMeasure: `${SIX_POINT_METHOD} Measure T12 and L1 on the mid-sagittal slice of any sequence, then grade each. Note which body shows oedema.`,
        answerExplained: `Two fractures of different age. L1: ${heights(l1)}, Ha/Hp ${l1.haHp.toFixed(2)} — ${GRADE_WORDS[l1.genantGrade]}, with a band of low T1 and high STIR signal in the upper part of the body: acute (oedema). T12: ${heights(t12)}, Ha/Hp ${t12.haHp.toFixed(2)} — ${GRADE_WORDS[t12.genantGrade]}, but with normal marrow signal: old and healed. The more deformed vertebra is not the painful one; oedema (which fades over about 2–4 months) points to L1 as the level to treat.`,
      };
    },
  },
  {
    id: 'case-06-kyphoplasty-before-after',
    title: 'L1 before and after kyphoplasty',
    difficulty: 'intermediate',
    summary: 'Two lateral radiographs three weeks apart: a moderate L1 wedge fracture, then the same level after bipedicular kyphoplasty.',
    level: 'L1',
    patient: { name: 'SAMPLE^KYPHOPLASTY', id: 'SL-CASE-06', sex: 'F', birthDate: '19490811', age: '074Y' },
    studies: [
      {
        key: 'before',
        label: 'Before kyphoplasty',
        date: '20240603',
        time: '094500',
        description: 'XR lumbar spine lateral pre-procedure',
        fractures: [{ level: 'L1', shape: 'wedge', heightLoss: 0.34, acute: true }],
        series: [{ kind: 'radiograph', folder: 'xr-lateral-before', photometric: 'MONOCHROME2' }],
        angles: [['T12', 'L2']],
      },
      {
        key: 'after',
        label: 'After kyphoplasty',
        date: '20240624',
        time: '111500',
        description: 'XR lumbar spine lateral post-procedure',
        fractures: [{ level: 'L1', shape: 'wedge', heightLoss: 0.23, acute: false, cement: true }],
        series: [{ kind: 'radiograph', folder: 'xr-lateral-after', photometric: 'MONOCHROME2' }],
        angles: [['T12', 'L2']],
      },
    ],
    notes: (truth) => {
      const before = vertebra(truth, 'before', 'L1');
      const after = vertebra(truth, 'after', 'L1');
      const t12 = vertebra(truth, 'before', 'T12');
      const l2 = vertebra(truth, 'before', 'L2');
      const reference = (t12.ha + l2.ha) / 2;
      const restoration = ((after.ha - before.ha) / (reference - before.ha)) * 100;
      const kyphosisBefore = angle(truth, 'before');
      const kyphosisAfter = angle(truth, 'after');
      return {
        history: 'A 74-year-old woman with a painful L1 fracture confirmed as acute on MRI, not settling after six weeks of analgesia. Bipedicular balloon kyphoplasty was performed; the second radiograph is from the follow-up visit.',
        whatToLookAt:
          'Open both studies side by side (same patient, two dates). Before: the anterior wedge of L1. After: the dense cement cast filling the front two-thirds of the body, any cement outside the body (leak into the disc or veins), the height of the anterior wall and the alignment.',
        whatToMeasure: `${SIX_POINT_METHOD} Measure L1, T12 and L2 on both radiographs; calculate the height restoration = (Ha after − Ha before) / (Ha reference − Ha before) × 100, with the mean anterior height of T12 and L2 as reference; measure ${kyphosisBefore.label} on both.`,
        answerExplained: `Before: ${heights(before)}, Ha/Hp ${before.haHp.toFixed(2)} — ${GRADE_WORDS[before.genantGrade]}. After: ${heights(after)}, Ha/Hp ${after.haHp.toFixed(2)} — ${GRADE_WORDS[after.genantGrade]}. Anterior height gained ${mm(after.ha - before.ha)}: a height restoration of ${pct(restoration)} of the lost height (reference ${mm(reference)}). ${kyphosisBefore.label}: ${kyphosisBefore.words} before, ${kyphosisAfter.words} after — a change of ${deg(kyphosisBefore.degrees - kyphosisAfter.degrees)}, about the size of the measurement error (±5°). No cement leak. Height gain does not predict pain relief; the aim of the procedure is pain relief and stability.`,
      };
    },
  },
  {
    id: 'case-07-multiple-osteoporotic',
    title: 'Several osteoporotic fractures',
    difficulty: 'advanced',
    summary: 'Lateral radiograph with three fractures of different shape and grade: T11 wedge, L1 wedge and L2 biconcave.',
    level: 'T11, L1 and L2',
    patient: { name: 'SAMPLE^MULTIPLE', id: 'SL-CASE-07', sex: 'F', birthDate: '19380119', age: '086Y' },
    studies: [
      {
        key: 'main',
        label: 'Presentation',
        date: '20240709',
        time: '130000',
        description: 'XR thoracolumbar spine lateral',
        fractures: [
          { level: 'T11', shape: 'wedge', heightLoss: 0.22, acute: false },
          { level: 'L1', shape: 'wedge', heightLoss: 0.32, acute: false },
          { level: 'L2', shape: 'biconcave', heightLoss: 0.23, acute: false },
        ],
        series: [{ kind: 'radiograph', folder: 'xr-lateral', photometric: 'MONOCHROME2' }],
        angles: [
          ['T10', 'T12'],
          ['T12', 'L2'],
        ],
      },
    ],
    notes: (truth) => {
      const t11 = vertebra(truth, 'main', 'T11');
      const l1 = vertebra(truth, 'main', 'L1');
      const l2 = vertebra(truth, 'main', 'L2');
      return {
        history: 'An 86-year-old woman with loss of height (5 cm in ten years), increasing stoop and chronic back pain. Never treated for osteoporosis.',
        whatToLookAt:
          'Grade every level from T10 to L3, not just the worst one. Fractures differ in shape: a wedge (front lower than back), a biconcave body (both endplates sink in the middle: a "fish" vertebra) and a crush (all heights lower). Several fractures of different shapes and a spared posterior wall favour osteoporosis over a tumour.',
        whatToMeasure: `${SIX_POINT_METHOD} Measure every body from T10 to L3. For each, compute Ha/Hp, Hm/Hp and Hp against the neighbours; the lowest ratio names the shape. Use unfractured neighbours as the reference (T12 and L3 for L1 and L2).`,
        answerExplained: `Three fractures. T11 wedge: ${heights(t11)}, Ha/Hp ${t11.haHp.toFixed(2)} — ${GRADE_WORDS[t11.genantGrade]}. L1 wedge: ${heights(l1)}, Ha/Hp ${l1.haHp.toFixed(2)} — ${GRADE_WORDS[l1.genantGrade]}. L2 biconcave: ${heights(l2)}, Hm/Hp ${l2.hmHp.toFixed(2)} with normal Ha and Hp — ${GRADE_WORDS[l2.genantGrade]}. ${angle(truth, 'main', 0).label}: ${angle(truth, 'main', 0).words}; ${angle(truth, 'main', 1).label}: ${angle(truth, 'main', 1).words}. Each fracture raises the risk of the next: this patient needs osteoporosis treatment whatever is done for the pain.`,
      };
    },
  },
];
