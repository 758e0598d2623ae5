/**
 * multipart/related bodies (RFC 2387) as WADO-RS answers and STOW-RS requests use them (PS3.18 §8.7.3):
 * an incremental reader, so each instance is handed on as soon as its part has arrived, and a writer.
 * Framing per RFC 2046 §5.1.1: each part starts after CRLF "--" boundary, a line end, headers and an
 * empty line; the body closes with "--" boundary "--".
 */
import { concatBytes } from '../bytes';

export interface MultipartPart {
  readonly headers: Record<string, string>;
  readonly body: Uint8Array;
}

const CRLF = new Uint8Array([13, 10]);
const CRLFCRLF = new Uint8Array([13, 10, 13, 10]);
const ascii = (s: string) => new TextEncoder().encode(s);

/** The boundary parameter of a multipart Content-Type, quoted or not; undefined when there is none. */
export function boundaryOf(contentType: string | null | undefined): string | undefined {
  if (!contentType || !/^\s*multipart\//i.test(contentType)) return undefined;
  const m = /;\s*boundary\s*=\s*(?:"([^"]{1,70})"|([^;\s]{1,70}))/i.exec(contentType);
  return m ? (m[1] ?? m[2]) : undefined;
}

function indexOf(haystack: Uint8Array, needle: Uint8Array, from: number, end: number): number {
  const first = needle[0];
  const last = end - needle.length;
  for (let i = haystack.indexOf(first, from); i !== -1 && i <= last; i = haystack.indexOf(first, i + 1)) {
    let j = 1;
    while (j < needle.length && haystack[i + j] === needle[j]) j++;
    if (j === needle.length) return i;
  }
  return -1;
}

function parseHeaders(text: string): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const line of text.split('\r\n')) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  return headers;
}

export interface MultipartReader {
  /** Feeds the next chunk; returns the parts it completed. */
  push(chunk: Uint8Array): MultipartPart[];
  /** True once the closing delimiter has been read. */
  readonly done: boolean;
}

/**
 * A reader for one body. It keeps only the part being received (plus a growing buffer's slack),
 * and scans each byte for the delimiter about once.
 */
export function createMultipartReader(boundary: string): MultipartReader {
  const delimiter = ascii(`\r\n--${boundary}`);
  // The first delimiter may open the body without a preceding line end: start as if one came.
  let buf = new Uint8Array(64 * 1024);
  buf.set(CRLF);
  let start = 0;
  let end = 2;
  let scanFrom = 0;
  let state: 'delimiter' | 'after-delimiter' | 'headers' | 'body' | 'done' = 'delimiter';
  let headers: Record<string, string> = {};

  function append(chunk: Uint8Array): void {
    if (end + chunk.length > buf.length) {
      const live = end - start;
      const size = Math.max(buf.length, (live + chunk.length) * 2);
      const next = size > buf.length ? new Uint8Array(size) : buf;
      next.set(buf.subarray(start, end), 0);
      scanFrom -= start;
      buf = next;
      end = live;
      start = 0;
    }
    buf.set(chunk, end);
    end += chunk.length;
  }

  return {
    get done() {
      return state === 'done';
    },
    push(chunk) {
      const parts: MultipartPart[] = [];
      if (state === 'done') return parts;
      append(chunk);
      for (;;) {
        if (state === 'delimiter' || state === 'body') {
          const at = indexOf(buf, delimiter, Math.max(start, scanFrom), end);
          if (at === -1) {
            scanFrom = Math.max(start, end - delimiter.length + 1);
            return parts;
          }
          if (state === 'body') parts.push({ headers, body: buf.slice(start, at) });
          start = at + delimiter.length;
          scanFrom = start;
          state = 'after-delimiter';
        } else if (state === 'after-delimiter') {
          // "--" closes the body; otherwise skip transport padding up to the line end.
          if (end - start < 2) return parts;
          if (buf[start] === 45 && buf[start + 1] === 45) {
            state = 'done';
            return parts;
          }
          const eol = indexOf(buf, CRLF, start, end);
          if (eol === -1) return parts;
          start = eol + 2;
          state = 'headers';
        } else if (state === 'headers') {
          if (end - start < 2) return parts;
          if (buf[start] === 13 && buf[start + 1] === 10) {
            headers = {};
            start += 2;
          } else {
            const blank = indexOf(buf, CRLFCRLF, start, end);
            if (blank === -1) return parts;
            headers = parseHeaders(new TextDecoder().decode(buf.subarray(start, blank)));
            start = blank + 4;
          }
          scanFrom = start;
          state = 'body';
        } else {
          return parts;
        }
      }
    },
  };
}

/** A multipart/related body of the given parts, each with its Content-Type; returns the bytes. */
export function buildMultipart(boundary: string, parts: ReadonlyArray<{ contentType: string; body: Uint8Array }>): Uint8Array {
  const pieces: Uint8Array[] = [];
  for (const part of parts) {
    pieces.push(ascii(`--${boundary}\r\nContent-Type: ${part.contentType}\r\n\r\n`), part.body, CRLF);
  }
  pieces.push(ascii(`--${boundary}--\r\n`));
  return concatBytes(pieces);
}
