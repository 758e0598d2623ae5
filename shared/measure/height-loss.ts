/**
 * Fractional height loss of a vertebral body against a stated reference (DOMAIN.md §1, "Height loss").
 * Every result names the rule and the heights it used, because the same body gives different numbers
 * against different references (Hsu et al. 2019, PMC6530246).
 */
import { formatLength } from './units';
import type { HeightLoss, HeightLossReference, HeightReferenceSource, Length, VertebralHeights, VertebralLevel } from './types';

/** A measured neighbour judged normal, usable as a reference height. */
export interface ReferenceVertebra {
  readonly level: VertebralLevel;
  readonly heights: VertebralHeights;
}

/** A value in the unit and calibration of an existing length of the same image. */
function like(length: Length, value: number): Length {
  return { ...length, value };
}

/** 1 − H / H_reference: the loss definition shared by all three rules (DOMAIN.md §1). */
function lossAgainst(height: Length, reference: Length): number {
  return 1 - height.value / reference.value;
}

function mean(values: readonly number[]): number {
  return values.reduce((sum, v) => sum + v, 0) / values.length;
}

const OWN_POSTERIOR: HeightReferenceSource = { kind: 'own-posterior' };

function neighboursSource(neighbours: readonly ReferenceVertebra[]): HeightReferenceSource {
  return { kind: 'neighbours', levels: neighbours.map((n) => n.level) };
}

function namesOf(neighbours: readonly ReferenceVertebra[]): string {
  return neighbours.map((n) => n.level).join(' and ');
}

/** Mean of each height over the neighbours: the "adjacent normal vertebrae" reference. */
function neighbourMeans(neighbours: readonly ReferenceVertebra[]): VertebralHeights {
  const first = neighbours[0].heights;
  return {
    ha: like(first.ha, mean(neighbours.map((n) => n.heights.ha.value))),
    hm: like(first.hm, mean(neighbours.map((n) => n.heights.hm.value))),
    hp: like(first.hp, mean(neighbours.map((n) => n.heights.hp.value))),
  };
}

/**
 * Own posterior wall: anterior loss 1 − Ha/Hp, middle loss 1 − Hm/Hp (DOMAIN.md §1 item 1).
 * Underestimates loss when the posterior wall itself collapsed.
 */
export function ownPosteriorLoss(own: VertebralHeights): HeightLoss {
  return ownPosteriorLossBecause(own, '');
}

function ownPosteriorLossBecause(own: VertebralHeights, why: string): HeightLoss {
  return {
    anterior: lossAgainst(own.ha, own.hp),
    middle: lossAgainst(own.hm, own.hp),
    reference: 'own-posterior',
    referenceDetail: `own posterior height (Hp ${formatLength(own.hp)})${why}`,
    referenceHeights: { anterior: own.hp, middle: own.hp },
    referenceSources: { anterior: OWN_POSTERIOR, middle: OWN_POSTERIOR },
  };
}

/**
 * Adjacent normal vertebrae: loss = 1 − H / mean(same height of the normal neighbours above and below)
 * (DOMAIN.md §1 item 2). Undefined when no normal neighbour was measured.
 */
export function adjacentLoss(own: VertebralHeights, normalNeighbours: readonly ReferenceVertebra[]): HeightLoss | undefined {
  if (normalNeighbours.length === 0) return undefined;
  const ref = neighbourMeans(normalNeighbours);
  return {
    anterior: lossAgainst(own.ha, ref.ha),
    middle: lossAgainst(own.hm, ref.hm),
    posterior: lossAgainst(own.hp, ref.hp),
    reference: 'adjacent',
    referenceDetail:
      `mean heights of ${namesOf(normalNeighbours)} ` +
      `(Ha ${formatLength(ref.ha)}, Hm ${formatLength(ref.hm)}, Hp ${formatLength(ref.hp)})`,
    referenceHeights: { anterior: ref.ha, middle: ref.hm, posterior: ref.hp },
    referenceSources: { anterior: neighboursSource(normalNeighbours), middle: neighboursSource(normalNeighbours), posterior: neighboursSource(normalNeighbours) },
  };
}

/**
 * ACR/RSNA RadElement rule: anterior and middle heights against the nearest normal vertebra or the own
 * posterior height, whichever is larger (DOMAIN.md §1 item 3) — the larger reference gives the larger loss.
 * The posterior height can only be compared with the neighbours. Without a normal neighbour the rule
 * reduces to the own posterior wall, and the result says so.
 */
export function radElementLoss(own: VertebralHeights, normalNeighbours: readonly ReferenceVertebra[]): HeightLoss {
  if (normalNeighbours.length === 0) return ownPosteriorLossBecause(own, '; no normal neighbour measured');
  const ref = neighbourMeans(normalNeighbours);
  const names = namesOf(normalNeighbours);
  const neighbours = neighboursSource(normalNeighbours);
  const pick = (neighbourHeight: Length, symbol: string) =>
    neighbourHeight.value > own.hp.value
      ? { height: neighbourHeight, source: neighbours, words: `${symbol} of ${names} ${formatLength(neighbourHeight)}` }
      : { height: own.hp, source: OWN_POSTERIOR, words: `own Hp ${formatLength(own.hp)}` };
  const anterior = pick(ref.ha, 'mean Ha');
  const middle = pick(ref.hm, 'mean Hm');
  return {
    anterior: lossAgainst(own.ha, anterior.height),
    middle: lossAgainst(own.hm, middle.height),
    posterior: lossAgainst(own.hp, ref.hp),
    reference: 'radelement',
    referenceDetail:
      `larger of own posterior height and normal neighbours: anterior vs ${anterior.words}, ` +
      `middle vs ${middle.words}, posterior vs mean Hp of ${names} ${formatLength(ref.hp)}`,
    referenceHeights: { anterior: anterior.height, middle: middle.height, posterior: ref.hp },
    referenceSources: { anterior: anterior.source, middle: middle.source, posterior: neighbours },
  };
}

/**
 * Loss by the chosen rule. 'adjacent' without a normal neighbour falls back to the own posterior wall
 * and reports that reference, so the number always travels with what produced it.
 */
export function heightLoss(
  rule: HeightLossReference,
  own: VertebralHeights,
  normalNeighbours: readonly ReferenceVertebra[],
): HeightLoss {
  switch (rule) {
    case 'own-posterior':
      return ownPosteriorLoss(own);
    case 'adjacent':
      return adjacentLoss(own, normalNeighbours) ?? ownPosteriorLossBecause(own, '; no normal neighbour measured');
    case 'radelement':
      return radElementLoss(own, normalNeighbours);
  }
}
