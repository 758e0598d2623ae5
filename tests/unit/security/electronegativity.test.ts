import { describe, expect, it } from 'vitest';

interface Finding {
  check: string;
  file: string;
  line: number;
  severity: string;
}
interface AllowlistEntry {
  check: string;
  file: string;
  reason: string;
}
interface SecurityLint {
  checkElectronSecurity(): Promise<{ findings: Finding[]; unjustified: Finding[]; stale: AllowlistEntry[]; parseErrors: { file: string; message: string }[] }>;
  judgeFindings(findings: Finding[], allowlist: AllowlistEntry[]): { unjustified: Finding[]; stale: AllowlistEntry[] };
}

// The same gate as `node scripts/electronegativity.mjs`; a plain .mjs script has no type declarations.
const scriptUrl = new URL('../../../scripts/electronegativity.mjs', import.meta.url).href;
const lint = (await import(scriptUrl)) as SecurityLint;

describe('Electronegativity security lint', () => {
  const result = lint.checkElectronSecurity();

  it('parses every scanned file', async () => {
    expect((await result).parseErrors).toEqual([]);
  });

  it('has no finding without a justification in .electronegativity-allowlist.json', async () => {
    expect((await result).unjustified).toEqual([]);
  });

  it('has no allowlist entry that no longer matches a finding', async () => {
    expect((await result).stale).toEqual([]);
  });

  it('would fail on an unjustified finding, whatever its severity', async () => {
    const { findings } = await result;
    const { unjustified, stale } = lint.judgeFindings(findings, [{ check: 'REMOTE_MODULE_JS_CHECK', file: 'electron/main.ts', reason: 'test' }]);
    expect(unjustified).toEqual(findings);
    expect(stale.map((e) => e.check)).toEqual(['REMOTE_MODULE_JS_CHECK']);
  });
});
