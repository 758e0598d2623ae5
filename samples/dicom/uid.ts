/**
 * Deterministic DICOM UIDs under the 2.25 root (PS3.5 §B.2: "2.25." followed by the decimal form of a
 * 128-bit integer). The integer is a 128-bit FNV-1a hash of the seed and a name, so the same seed and
 * name always give the same UID, and different names give unrelated UIDs.
 */
const FNV_OFFSET_128 = 0x6c62272e07bb014262b821756295c58dn;
const FNV_PRIME_128 = 0x0000000001000000000000000000013bn;
const MASK_128 = (1n << 128n) - 1n;

export function deterministicUid(seed: number, name: string): string {
  let hash = FNV_OFFSET_128;
  for (const char of `${seed}/${name}`) {
    hash ^= BigInt(char.codePointAt(0) ?? 0);
    hash = (hash * FNV_PRIME_128) & MASK_128;
  }
  // A zero hash would print as "0", still a valid component; any other value has no leading zero.
  return `2.25.${hash.toString(10)}`;
}
