import { CatmullRomCurve3, TubeGeometry, Vector3, type BufferGeometry } from 'three';
import type { ColumnLayout, ColumnLevel } from './spineColumn';
import { vertebraLandmarks } from './vertebraAnatomy';

/** The cord with its coverings fills about half of the canal's width. */
const CORD_RADIUS_MM = 4.5;

/** A tube through the middle of each vertebra's canal, running a little beyond the top and bottom levels. */
export function cordGeometry(levels: ColumnLevel[], layout: ColumnLayout): BufferGeometry {
  const centres = levels.map((level, i) => new Vector3(...vertebraLandmarks(level.dims).canal).applyMatrix4(layout.vertebrae[i]));
  const first = centres[0], last = centres[centres.length - 1];
  const points = [
    first.clone().add(first.clone().sub(centres[1]).multiplyScalar(0.6)),
    ...centres,
    last.clone().add(last.clone().sub(centres[centres.length - 2]).multiplyScalar(0.6)),
  ];
  return new TubeGeometry(new CatmullRomCurve3(points), 48, CORD_RADIUS_MM, 12);
}
