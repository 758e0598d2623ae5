import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, symlinkSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createRecentList, isSystemPath } from '../../../electron/services/recent-list';

function dataFolder() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'spinelab-recent-'));
  return { dir, file: path.join(dir, 'recent.json') };
}

const entry = (id: string, paths: unknown, extra: Record<string, unknown> = {}) => ({ id, label: 'study', openedAt: '2026-01-02T03:04:05.000Z', paths, ...extra });

describe('recent list', () => {
  it('remembers what was opened and gives its paths back', async () => {
    const { dir, file } = dataFolder();
    const study = path.join(dir, 'study');
    mkdirSync(study);
    const recent = createRecentList(file, () => new Date('2026-01-02T03:04:05.000Z'));
    await recent.add([study], 'study');
    const [listed] = await recent.list();
    expect(listed).toEqual({ id: expect.stringMatching(/^[0-9a-f]{16}$/), label: 'study', openedAt: '2026-01-02T03:04:05.000Z' });
    expect(await recent.pathsFor(listed.id)).toEqual([study]);
    expect(readFileSync(file, 'utf8')).toContain(study);
  });

  it('ignores entries of the wrong type or size in a recent.json edited by hand', async () => {
    const { dir, file } = dataFolder();
    const good = path.join(dir, 'good.dcm');
    writeFileSync(good, 'DICM');
    writeFileSync(
      file,
      JSON.stringify([
        entry('0123456789abcdef', [good]),
        entry('not-a-hash', [good]),
        entry('1111111111111111', 'not a list'),
        entry('2222222222222222', [42]),
        entry('3333333333333333', []),
        entry('4444444444444444', ['relative/path.dcm']),
        entry('5555555555555555', [`${good}\0.png`]),
        entry('6666666666666666', [`/${'a'.repeat(5000)}`]),
        entry('7777777777777777', Array(2001).fill(good)),
        entry('8888888888888888', [good], { label: 'x'.repeat(10_000) }),
        entry('9999999999999999', [good], { openedAt: 'yesterday' }),
        null,
        'text',
      ]),
    );
    const recent = createRecentList(file);
    expect((await recent.list()).map((e) => e.id)).toEqual(['0123456789abcdef']);
    for (const id of ['not-a-hash', '1111111111111111', '4444444444444444', '7777777777777777', '8888888888888888']) {
      expect(await recent.pathsFor(id), id).toBeUndefined();
    }
  });

  it('never hands out a device or system path, even through a link', async () => {
    const { dir, file } = dataFolder();
    const link = path.join(dir, 'innocent.dcm');
    symlinkSync('/proc/self/mem', link);
    const devices = ['/dev/sda', '/dev/zero', '/proc/self/mem', '/sys/kernel/notes', '/etc/shadow', '/', '/run/user'];
    writeFileSync(file, JSON.stringify([...devices.map((p, i) => entry(`${i}`.repeat(16), [p])), entry('abcdefabcdefabcd', [link])]));
    const recent = createRecentList(file);
    expect((await recent.list()).map((e) => e.id)).toEqual(['abcdefabcdefabcd']);
    for (let i = 0; i < devices.length; i++) expect(await recent.pathsFor(`${i}`.repeat(16)), devices[i]).toBeUndefined();
    expect(await recent.pathsFor('abcdefabcdefabcd')).toBeUndefined();
  });

  it('hands out only paths that are still a regular file or a folder', async () => {
    const { dir, file } = dataFolder();
    const kept = path.join(dir, 'kept.dcm');
    const deleted = path.join(dir, 'deleted.dcm');
    const fifo = path.join(dir, 'pipe');
    writeFileSync(kept, 'DICM');
    writeFileSync(deleted, 'DICM');
    execFileSync('mkfifo', [fifo]);
    writeFileSync(file, JSON.stringify([entry('aaaaaaaaaaaaaaaa', [kept, deleted, fifo]), entry('bbbbbbbbbbbbbbbb', [fifo])]));
    unlinkSync(deleted);
    const recent = createRecentList(file);
    expect(await recent.pathsFor('aaaaaaaaaaaaaaaa')).toEqual([kept]);
    expect(await recent.pathsFor('bbbbbbbbbbbbbbbb')).toBeUndefined();
  });

  it('knows the system paths of each platform', () => {
    expect(isSystemPath('/home/reader/study', 'linux')).toBe(false);
    expect(isSystemPath('/devices/study', 'linux')).toBe(false);
    expect(isSystemPath('/dev/sdb1', 'linux')).toBe(true);
    expect(isSystemPath('/private/etc/master.passwd', 'darwin')).toBe(true);
    expect(isSystemPath('\\\\.\\PhysicalDrive0', 'win32')).toBe(true);
    expect(isSystemPath('C:\\Users\\reader\\NUL.txt', 'win32')).toBe(true);
    expect(isSystemPath('C:\\Windows\\System32\\config\\SAM', 'win32')).toBe(true);
    expect(isSystemPath('C:\\Users\\reader\\study\\IM1', 'win32')).toBe(false);
  });
});
