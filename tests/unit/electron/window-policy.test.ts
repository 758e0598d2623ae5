import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { navigationDecision, permissionDecision, windowOpenDecision } from '../../../electron/security';

// The "Trust" criteria: the window navigates nowhere but app://spinelab, opens no window, and
// is granted no permission. main.ts only forwards Electron's events to these decisions.

const FOREIGN_URLS = [
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  'file:///etc/passwd',
  'http://127.0.0.1:5173/index.html',
  'http://localhost/',
  'app://spinelab.evil/index.html',
  'app://evil/spinelab/index.html',
  'app://spinelab:8080/index.html',
  'https://spinelab/index.html',
  'about:blank',
  'blob:app://spinelab/0b3c9f3e-8f52-4a52-9d7b-1c1b0f6f0c6e',
  'not a url',
  '',
];

describe('navigation', () => {
  it('allows our own origin', () => {
    expect(navigationDecision('app://spinelab/ok')).toBe('allow');
    expect(navigationDecision('app://spinelab/index.html#viewer')).toBe('allow');
  });

  it.each(FOREIGN_URLS)('refuses %j', (url) => {
    expect(navigationDecision(url)).toBe('deny');
  });

  it('refuses even allowlisted https pages: those belong in the system browser', () => {
    expect(navigationDecision('https://www.dicomstandard.org/current')).toBe('deny');
  });
});

describe('new windows', () => {
  it.each([...FOREIGN_URLS, 'app://spinelab/index.html'])('denies %j and does not open it externally', (url) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: false });
  });

  it.each([
    'https://www.dicomstandard.org/current',
    'https://dicom.nema.org/medical/dicom/current/output/html/part15.html',
    'https://pubmed.ncbi.nlm.nih.gov/8237484/',
  ])('denies %j in the app but hands it to the system browser', (url) => {
    expect(windowOpenDecision(url)).toEqual({ action: 'deny', openExternally: true });
  });

  it.each([
    'http://www.dicomstandard.org/current',
    'https://www.dicomstandard.org.evil.example/',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'https://github.com/',
    'https://github.com/attacker/look-alike',
    'https://pubmed.ncbi.nlm.nih.gov/99999999/',
  ])('keeps %j away from the system browser', (url) => {
    expect(windowOpenDecision(url).openExternally).toBe(false);
  });
});

describe('permissions', () => {
  // Electron's permission names (session.setPermissionRequestHandler), plus one it may add later.
  it.each([
    'clipboard-read',
    'clipboard-sanitized-write',
    'display-capture',
    'fileSystem',
    'geolocation',
    'hid',
    'idle-detection',
    'keyboardLock',
    'media',
    'mediaKeySystem',
    'midi',
    'midiSysex',
    'notifications',
    'openExternal',
    'pointerLock',
    'serial',
    'speaker-selection',
    'storage-access',
    'top-level-storage-access',
    'usb',
    'window-management',
    'unknown',
    'a-permission-added-later',
  ])('refuses %s', (permission) => {
    expect(permissionDecision(permission, 'app://spinelab/index.html')).toBe(false);
  });

  it('allows full screen only to our own page (the presentation mode)', () => {
    expect(permissionDecision('fullscreen', 'app://spinelab/index.html')).toBe(true);
    expect(permissionDecision('fullscreen', 'https://evil.example/')).toBe(false);
    expect(permissionDecision('fullscreen', 'app://spinelab.evil/')).toBe(false);
    expect(permissionDecision('fullscreen')).toBe(false);
  });
});

describe('electron/main.ts registers the handlers', () => {
  // A static check, since main.ts cannot load without Electron: cheap, but it catches a
  // refactor that drops a handler or builds the window from other options.
  const source = readFileSync(new URL('../../../electron/main.ts', import.meta.url), 'utf8')
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .replace(/^\s*\/\/.*$/gm, '');

  it('denies navigation, redirects and webviews in the window', () => {
    expect(source).toMatch(/\.on\('will-navigate',[^;]*navigationDecision\(url\) === 'deny'\) event\.preventDefault\(\)/);
    expect(source).toMatch(/\.on\('will-redirect',[^;]*navigationDecision\(url\) === 'deny'\) event\.preventDefault\(\)/);
    expect(source).toMatch(/\.on\('will-attach-webview', \(event\) => event\.preventDefault\(\)\)/);
    expect(source).toMatch(/app\.on\('web-contents-created',[^;]*'will-navigate'/);
  });

  it('sends new windows through windowOpenDecision', () => {
    expect(source).toMatch(/\.setWindowOpenHandler\([^]*?windowOpenDecision\(url\)[^]*?return \{ action: decision\.action \}/);
    expect(source.match(/shell\.openExternal\(/g)).toHaveLength(1);
    expect(source).toMatch(/if \(decision\.openExternally\) void shell\.openExternal\(url\)/);
  });

  it('answers permission requests and checks with permissionDecision', () => {
    expect(source).toMatch(/\.setPermissionRequestHandler\(\([^)]*\) => callback\(permissionDecision\(permission, details\.requestingUrl\)\)\)/);
    expect(source).toMatch(/\.setPermissionCheckHandler\(\([^)]*\) => permissionDecision\(permission, requestingOrigin\)\)/);
  });

  it('sandboxes every renderer and builds the only window from mainWindowOptions', () => {
    expect(source).toContain('app.enableSandbox();');
    expect(source.match(/new BrowserWindow\(/g)).toHaveLength(1);
    expect(source).toMatch(/new BrowserWindow\(mainWindowOptions\(/);
    expect(source).not.toMatch(/BrowserView|WebContentsView|webviewTag/);
  });

  it('handles IPC only through handleIpcCall with the sender frame', () => {
    expect(source.match(/ipcMain\.(handle|on)\w*\(/g)).toEqual(['ipcMain.handle(']);
    expect(source).toMatch(/ipcMain\.handle\(IPC_CHANNEL, \(event, channel: unknown, args: unknown\) => handleIpcCall\(api, event\.senderFrame, channel, args\)\)/);
  });
});
