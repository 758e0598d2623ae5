/** How the pixel data of a transfer syntax is encoded, which decides the decoder (PS3.5 §10, Annex A). */
export type PixelEncoding =
  | 'native'
  | 'rle'
  | 'jpeg-baseline'
  | 'jpeg-extended'
  | 'jpeg-lossless'
  | 'jpeg-ls'
  | 'jpeg-2000'
  | 'htj2k';

export interface TransferSyntax {
  uid: string;
  name: string;
  encoding: PixelEncoding;
  bigEndian: boolean;
  deflated: boolean;
  /** The encoding may discard information (PS3.5 8.2); decoders may differ by a grey level or two. */
  lossy: boolean;
}

const table: TransferSyntax[] = [
  { uid: '1.2.840.10008.1.2', name: 'Implicit VR Little Endian', encoding: 'native', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.1', name: 'Explicit VR Little Endian', encoding: 'native', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.1.99', name: 'Deflated Explicit VR Little Endian', encoding: 'native', bigEndian: false, deflated: true, lossy: false },
  { uid: '1.2.840.10008.1.2.2', name: 'Explicit VR Big Endian', encoding: 'native', bigEndian: true, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.5', name: 'RLE Lossless', encoding: 'rle', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.50', name: 'JPEG Baseline (Process 1)', encoding: 'jpeg-baseline', bigEndian: false, deflated: false, lossy: true },
  { uid: '1.2.840.10008.1.2.4.51', name: 'JPEG Extended (Process 2 & 4)', encoding: 'jpeg-extended', bigEndian: false, deflated: false, lossy: true },
  { uid: '1.2.840.10008.1.2.4.57', name: 'JPEG Lossless (Process 14)', encoding: 'jpeg-lossless', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.70', name: 'JPEG Lossless SV1 (Process 14, Selection Value 1)', encoding: 'jpeg-lossless', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.80', name: 'JPEG-LS Lossless', encoding: 'jpeg-ls', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.81', name: 'JPEG-LS Near-Lossless', encoding: 'jpeg-ls', bigEndian: false, deflated: false, lossy: true },
  { uid: '1.2.840.10008.1.2.4.90', name: 'JPEG 2000 Lossless', encoding: 'jpeg-2000', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.91', name: 'JPEG 2000', encoding: 'jpeg-2000', bigEndian: false, deflated: false, lossy: true },
  { uid: '1.2.840.10008.1.2.4.201', name: 'HTJ2K Lossless', encoding: 'htj2k', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.202', name: 'HTJ2K Lossless RPCL', encoding: 'htj2k', bigEndian: false, deflated: false, lossy: false },
  { uid: '1.2.840.10008.1.2.4.203', name: 'HTJ2K', encoding: 'htj2k', bigEndian: false, deflated: false, lossy: true },
];

const byUid = new Map(table.map((syntax) => [syntax.uid, syntax]));

export const IMPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2';
export const EXPLICIT_VR_LITTLE_ENDIAN = '1.2.840.10008.1.2.1';
export const EXPLICIT_VR_BIG_ENDIAN = '1.2.840.10008.1.2.2';

export function findTransferSyntax(uid: string): TransferSyntax | undefined {
  return byUid.get(uid);
}
