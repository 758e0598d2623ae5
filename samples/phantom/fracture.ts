import { NORMAL_ANATOMY, NORMAL_ENDPLATE_CONCAVITY, type Level } from './levels';

export type FractureShape = 'wedge' | 'biconcave' | 'crush';

export interface FractureSpec {
  readonly level: Level;
  readonly shape: FractureShape;
  /**
   * Target height loss as a fraction (0.22 = 22%). Wedge: 1 − Ha/Hp; biconcave: 1 − Hm/Hp (own
   * posterior wall, DOMAIN.md §1); crush: anterior loss against the level's normal anterior height,
   * the posterior wall losing 70% as much.
   */
  readonly heightLoss: number;
  /** Recent fracture: marrow oedema in a band under the superior endplate (visible on MR only). */
  readonly acute: boolean;
  /** Intravertebral vacuum cleft (Kümmell): a thin horizontal gas collection in the anterior body. */
  readonly gasCleft?: boolean;
  /** After kyphoplasty: two confluent cement deposits from a bipedicular approach. */
  readonly cement?: boolean;
}

export interface BodyHeights {
  readonly anterior: number;
  readonly posterior: number;
  /** Depth of the central concavity of each endplate; the middle height is what remains. */
  readonly superiorConcavity: number;
  readonly inferiorConcavity: number;
}

export function middleHeight(heights: BodyHeights): number {
  return (heights.anterior + heights.posterior) / 2 - heights.superiorConcavity - heights.inferiorConcavity;
}

export function normalHeights(level: Level): BodyHeights {
  const anatomy = NORMAL_ANATOMY[level];
  return {
    anterior: anatomy.posteriorHeight * anatomy.wedgeRatio,
    posterior: anatomy.posteriorHeight,
    superiorConcavity: NORMAL_ENDPLATE_CONCAVITY,
    inferiorConcavity: NORMAL_ENDPLATE_CONCAVITY,
  };
}

/** The collapsed body's heights; the inferior endplate stays in place, as in most osteoporotic fractures. */
export function fracturedHeights(fracture: FractureSpec): BodyHeights {
  const normal = normalHeights(fracture.level);
  const loss = fracture.heightLoss;
  switch (fracture.shape) {
    case 'wedge':
      return { ...normal, anterior: normal.posterior * (1 - loss) };
    case 'biconcave': {
      // Both endplates sink centrally by the same amount until Hm = Hp × (1 − loss).
      const targetMiddle = normal.posterior * (1 - loss);
      const eachConcavity = ((normal.anterior + normal.posterior) / 2 - targetMiddle) / 2;
      return { ...normal, superiorConcavity: eachConcavity, inferiorConcavity: eachConcavity };
    }
    case 'crush':
      return { ...normal, anterior: normal.anterior * (1 - loss), posterior: normal.posterior * (1 - 0.7 * loss) };
  }
}
