/**
 * Attributes removed by their group rather than by a row of the profile table (PS3.15 Table E.1-1).
 * Tags are eight hexadecimal digits, as dcmjs keys its data sets.
 */

const groupOf = (tag: string) => parseInt(tag.slice(0, 4), 16);
const elementOf = (tag: string) => parseInt(tag.slice(4, 8), 16);

/** Repeating groups 50xx and 60xx occupy the even groups 0x5000–0x501E and 0x6000–0x601E (PS3.5 7.6). */
const inRepeatingGroup = (group: number, base: number) => group >= base && group <= base + 0x1e && group % 2 === 0;

export function isRemovedWithItsGroup(tag: string): boolean {
  const group = groupOf(tag);
  // Private attributes (odd groups, with their creators) are removed: Table E.1-1 row "Private
  // attributes", since the Retain Safe Private Option (E.3.10) is not offered.
  if (group % 2 === 1) return true;
  // Curve Data (50xx,xxxx) is X in Table E.1-1.
  if (inRepeatingGroup(group, 0x5000)) return true;
  // Overlay Data and Overlay Comments (60xx,3000/4000) are X; the whole overlay plane goes, because
  // the Overlay Plane Module without its Type 1 Overlay Data (PS3.3 C.9.2) would be invalid, and an
  // overlay can itself draw identifying text over the image.
  if (inRepeatingGroup(group, 0x6000)) return true;
  // Group lengths (gggg,0000) are retired in data sets (PS3.5 7.2) and would be wrong after removals.
  return elementOf(tag) === 0 && group > 0x0002;
}
