import { readFileSync } from 'node:fs';
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
  snippet: string;
  reason: string;
}
interface SecurityLint {
  checkElectronSecurity(): Promise<{
    findings: Finding[];
    unjustified: Finding[];
    stale: AllowlistEntry[];
    ambiguous: AllowlistEntry[];
    parseErrors: { file: string; message: string }[];
  }>;
  judgeFindings(
    findings: Finding[],
    allowlist: AllowlistEntry[],
    readSource: (file: string) => string,
  ): { unjustified: Finding[]; stale: AllowlistEntry[]; ambiguous: AllowlistEntry[] };
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

  it('has no allowlist entry that no longer matches a finding, or whose snippet is not on exactly one line', async () => {
    expect((await result).stale).toEqual([]);
    expect((await result).ambiguous).toEqual([]);
  });

  it('would fail on an unjustified finding, whatever its severity', async () => {
    const { findings } = await result;
    const entry = { check: 'REMOTE_MODULE_JS_CHECK', file: 'electron/main.ts', snippet: 'new BrowserWindow(', reason: 'test' };
    const { unjustified, stale } = lint.judgeFindings(findings, [entry], (file) => readFileSync(file, 'utf8'));
    expect(unjustified).toEqual(findings);
    expect(stale.map((e) => e.check)).toEqual(['REMOTE_MODULE_JS_CHECK']);
  });

  describe('an entry excuses the one line holding its snippet, not its check everywhere in the file', () => {
    const source = ['const a = 1;', '  if (decision.openExternally) void shell.openExternal(url);', 'void shell.openExternal(fromDicomFile);'].join('\n');
    const entry = { check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main.ts', snippet: 'if (decision.openExternally) void shell.openExternal(url);', reason: 'test' };
    const finding = (line: number) => ({ check: 'OPEN_EXTERNAL_JS_CHECK', file: 'electron/main.ts', line, severity: 'LOW' });

    it('a new openExternal on another line is unjustified', () => {
      const { unjustified, stale, ambiguous } = lint.judgeFindings([finding(2), finding(3)], [entry], () => source);
      expect(unjustified).toEqual([finding(3)]);
      expect(stale).toEqual([]);
      expect(ambiguous).toEqual([]);
    });

    it('a copy of the excused line makes the entry ambiguous and excuses neither', () => {
      const copied = `${source}\n  if (decision.openExternally) void shell.openExternal(url);`;
      const { unjustified, ambiguous } = lint.judgeFindings([finding(2), finding(4)], [entry], () => copied);
      expect(unjustified).toEqual([finding(2), finding(4)]);
      expect(ambiguous).toEqual([entry]);
    });
  });
});
