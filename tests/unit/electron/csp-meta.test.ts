import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CONTENT_SECURITY_POLICY } from '../../../electron/security';

// The app has two copies of its CSP: the header electron/security.ts sends with every response,
// and the meta tag of index.html (the only one Electronegativity and a file:// load can see).
// This keeps them from drifting apart.

/** Directives a <meta> CSP cannot carry (CSP3 §3.3); browsers ignore them there. */
const HEADER_ONLY = ['frame-ancestors', 'report-uri', 'sandbox'];

type Directives = Record<string, string[]>;

function parsePolicy(policy: string): Directives {
  const entries = policy
    .split(';')
    .map((d) => d.trim())
    .filter((d) => d !== '')
    .map((d): [string, string[]] => {
      const [name, ...values] = d.split(/\s+/);
      return [name.toLowerCase(), values.sort()];
    });
  const names = entries.map(([name]) => name);
  expect(new Set(names).size, `a directive repeats in: ${policy}`).toBe(names.length);
  return Object.fromEntries(entries);
}

function metaPolicy(html: string): string {
  const metas = [...html.matchAll(/<meta\b[^>]*http-equiv=["']Content-Security-Policy["'][^>]*>/gi)];
  expect(metas, 'exactly one CSP meta tag').toHaveLength(1);
  const content = /\bcontent="([^"]*)"/i.exec(metas[0][0]);
  expect(content, 'the CSP meta tag has a content attribute').not.toBeNull();
  return content![1].replace(/&#39;|&apos;/g, "'");
}

const header = parsePolicy(CONTENT_SECURITY_POLICY);
const expectedMeta = Object.fromEntries(Object.entries(header).filter(([name]) => !HEADER_ONLY.includes(name)));

function expectMatchesHeader(file: URL): void {
  const meta = parsePolicy(metaPolicy(readFileSync(file, 'utf8')));
  expect(meta).toEqual(expectedMeta);
}

describe('meta CSP of index.html', () => {
  it('the header also forbids framing, which only a header can do', () => {
    expect(Object.keys(header)).toContain('frame-ancestors');
  });

  it('renderer/index.html carries every other directive of the header, unchanged', () => {
    expectMatchesHeader(new URL('../../../renderer/index.html', import.meta.url));
  });

  const built = new URL('../../../dist/renderer/index.html', import.meta.url);
  if (!existsSync(built)) {
    console.warn('csp-meta.test.ts: dist/renderer/index.html is not built (npx vite build); its CSP check is skipped.');
  }
  it.skipIf(!existsSync(built))('the built dist/renderer/index.html keeps the same policy', () => {
    expectMatchesHeader(built);
  });
});
