// The package's "types" entry points at a file it does not ship; this declares the one class we use.
declare module 'jpeg-lossless-decoder-js' {
  export class Decoder {
    /** Decodes a JPEG lossless (process 14) stream; 1 byte per sample up to 8 bits, else 2. */
    decode(buffer: ArrayBuffer, offset?: number, length?: number, numBytes?: number): Uint8Array | Uint16Array;
  }
}
