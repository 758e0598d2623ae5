// Security lint of the Electron host with Electronegativity, gated by an allowlist.
//
// Electronegativity 1.10.3 exits 0 even when it finds HIGH issues (NOTES.md "Electron security in
// practice"), so this script gates on its findings itself: every finding must be justified by an
// entry of .electronegativity-allowlist.json (check id, file, the snippet of the line it excuses, and
// a reason), and every entry must still match a finding, so that justifications do not outlive the
// code they excuse. An entry excuses only the line holding its snippet, and its snippet must occur on
// one line only: a new openExternal (or a copy of an excused line) is never excused silently.
//
// It scans the TypeScript sources of electron/ (not the bundle, so that findings point at lines we
// edit) together with renderer/index.html, whose meta CSP is the only policy it can read: the CSP
// header, IPC sender checks, fuses and protocol handling are invisible to it and are tested directly
// in tests/unit/electron and tests/unit/packaging.
//
// Usage: node scripts/electronegativity.mjs   (exit 1 on unjustified findings, stale or ambiguous
// entries, or files it could not parse)
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const runElectronegativity = require('@doyensec/electronegativity');

const PROJECT_ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));

/** Paths scanned, relative to the project root. */
export const SCANNED_PATHS = ['electron', 'renderer/index.html'];

/** Looks up published Electron advisories over the network: slow and not reproducible offline. */
const EXCLUDED_CHECKS = ['AvailableSecurityFixesGlobalCheck'];

/**
 * @typedef {{ check: string, file: string, line: number, severity: string, confidence: string, manualReview: boolean, description: string }} Finding
 * @typedef {{ check: string, file: string, snippet: string, reason: string }} AllowlistEntry
 */

/** @returns {AllowlistEntry[]} */
function readAllowlist(root) {
  const entries = JSON.parse(readFileSync(join(root, '.electronegativity-allowlist.json'), 'utf8'));
  for (const entry of entries) {
    const filled = (value) => typeof value === 'string' && value.trim() !== '';
    if (!filled(entry.check) || !filled(entry.file) || !filled(entry.snippet) || !filled(entry.reason)) {
      throw new Error(`Allowlist entry needs check, file, snippet and a reason: ${JSON.stringify(entry)}`);
    }
  }
  return entries;
}

/**
 * Copies the scanned paths into a scratch folder so that Electronegativity sees exactly them, and
 * reports files relative to the project root.
 */
function stageSources(root) {
  const stage = mkdtempSync(join(tmpdir(), 'spinelab-electronegativity-'));
  for (const path of SCANNED_PATHS) cpSync(join(root, path), join(stage, path), { recursive: true });
  return stage;
}

function electronVersion(root) {
  return JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
}

/**
 * Runs Electronegativity over the scanned paths.
 * @returns {Promise<{ findings: Finding[], parseErrors: { file: string, message: string }[] }>}
 */
export async function scanElectronSources(root = PROJECT_ROOT) {
  const stage = stageSources(root);
  let result;
  try {
    result = await runElectronegativity({
      input: stage,
      excludeFromScan: EXCLUDED_CHECKS,
      electronVersionOverride: electronVersion(root),
      isRelative: true,
    });
  } finally {
    rmSync(stage, { recursive: true, force: true });
  }
  return {
    findings: result.issues.map((issue) => ({
      check: issue.id,
      file: issue.file,
      line: issue.location?.line ?? 0,
      severity: issue.severity.name,
      confidence: issue.confidence.name,
      manualReview: issue.manualReview,
      description: issue.description,
    })),
    // Tolerable errors are parser warnings; the others mean a file was not checked at all.
    parseErrors: result.errors.filter((error) => !error.tolerable).map(({ file, message }) => ({ file, message })),
  };
}

/** The 1-based numbers of the lines of `text` that contain `snippet`. */
function linesHolding(text, snippet) {
  return text.split('\n').flatMap((line, i) => (line.includes(snippet) ? [i + 1] : []));
}

/**
 * Sorts findings against the allowlist: an entry justifies a finding of its check in its file on the
 * one line that holds its snippet (a snippet, not a line number, so that edits elsewhere in the file
 * do not invalidate it). An entry whose snippet is on no line or on several is ambiguous.
 * @param {Finding[]} findings
 * @param {AllowlistEntry[]} allowlist
 * @param {(file: string) => string} readSource the text of a scanned file, by its project-relative path
 */
export function judgeFindings(findings, allowlist, readSource) {
  const excusedLine = new Map(allowlist.map((entry) => [entry, linesHolding(readSource(entry.file), entry.snippet)]));
  const justifies = (entry, finding) => {
    const lines = excusedLine.get(entry);
    return entry.check === finding.check && entry.file === finding.file && lines.length === 1 && lines[0] === finding.line;
  };
  return {
    unjustified: findings.filter((finding) => !allowlist.some((entry) => justifies(entry, finding))),
    stale: allowlist.filter((entry) => excusedLine.get(entry).length === 1 && !findings.some((finding) => justifies(entry, finding))),
    ambiguous: allowlist.filter((entry) => excusedLine.get(entry).length !== 1),
  };
}

/** The whole gate: scan, then judge against .electronegativity-allowlist.json. */
export async function checkElectronSecurity(root = PROJECT_ROOT) {
  const allowlist = readAllowlist(root);
  const { findings, parseErrors } = await scanElectronSources(root);
  return { findings, parseErrors, ...judgeFindings(findings, allowlist, (file) => readFileSync(join(root, file), 'utf8')) };
}

function describe(finding) {
  return `${finding.check} (${finding.severity}, ${finding.confidence}${finding.manualReview ? ', review' : ''}) ${finding.file}:${finding.line} — ${finding.description}`;
}

async function main() {
  const { findings, unjustified, stale, ambiguous, parseErrors } = await checkElectronSecurity();
  console.log(`Electronegativity: ${findings.length} finding(s), ${findings.length - unjustified.length} justified in .electronegativity-allowlist.json.`);
  for (const finding of unjustified) console.error(`Unjustified: ${describe(finding)}`);
  for (const entry of stale) console.error(`Stale allowlist entry (no such finding any more): ${entry.check} ${entry.file}`);
  for (const entry of ambiguous) console.error(`Allowlist entry whose snippet is not on exactly one line: ${entry.check} ${entry.file} "${entry.snippet}"`);
  for (const error of parseErrors) console.error(`Could not parse ${error.file}: ${error.message}`);
  if (unjustified.length + stale.length + ambiguous.length + parseErrors.length > 0) process.exitCode = 1;
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
