import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  EXTERNAL_PAGES,
  isAllowedExternalUrl,
  isAppUrl,
  isTrustedSender,
  mainWindowOptions,
} from '../../../electron/security';

describe('main window security settings', () => {
  const options = mainWindowOptions('/app/preload.cjs');
  it('isolates the renderer from Node', () => {
    expect(options.webPreferences).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      preload: '/app/preload.cjs',
    });
  });
});

describe('content security policy', () => {
  const directives = Object.fromEntries(CONTENT_SECURITY_POLICY.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name, values];
  }));
  it('allows only our own origin, no eval, no remote hosts', () => {
    expect(directives['default-src']).toEqual(["'self'"]);
    expect(directives['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-eval'(?<!wasm-unsafe-eval')|https?:|\*/);
    expect(CONTENT_SECURITY_POLICY).not.toContain("'unsafe-inline'");
    expect(directives['object-src']).toEqual(["'none'"]);
    expect(directives['frame-ancestors']).toEqual(["'none'"]);
  });
});

describe('origin checks', () => {
  it('recognises the app origin by parsed URL', () => {
    expect(isAppUrl('app://spinelab/index.html')).toBe(true);
    expect(isAppUrl('app://spinelab.evil.com/index.html')).toBe(false);
    expect(isAppUrl('https://spinelab/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });

  it('answers IPC only from our main frame', () => {
    expect(isTrustedSender({ url: 'app://spinelab/index.html', isMainFrame: true })).toBe(true);
    expect(isTrustedSender({ url: 'app://spinelab/index.html', isMainFrame: false })).toBe(false);
    expect(isTrustedSender({ url: 'https://evil.example/', isMainFrame: true })).toBe(false);
    expect(isTrustedSender(null)).toBe(false);
  });

  it('opens only allowlisted https links externally', () => {
    expect(isAllowedExternalUrl('https://www.dicomstandard.org/current')).toBe(true);
    expect(isAllowedExternalUrl('http://www.dicomstandard.org/current')).toBe(false);
    expect(isAllowedExternalUrl('https://evil.example/')).toBe(false);
    expect(isAllowedExternalUrl('https://user:pw@github.com/')).toBe(false);
    expect(isAllowedExternalUrl('file:///etc/passwd')).toBe(false);
    expect(isAllowedExternalUrl('javascript:alert(1)')).toBe(false);
  });

  it('opens exact pages, not whole hosts', () => {
    for (const page of EXTERNAL_PAGES) expect(isAllowedExternalUrl(page), page).toBe(true);
    expect(isAllowedExternalUrl('https://dicom.nema.org/medical/dicom/current/output/html/part15.html#chapter_E')).toBe(true);
    // Anyone can publish on these hosts: a page of their own must not open.
    expect(isAllowedExternalUrl('https://github.com/attacker/phishing')).toBe(false);
    expect(isAllowedExternalUrl('https://doi.org/10.9999/anything')).toBe(false);
    expect(isAllowedExternalUrl('https://www.dicomstandard.org/current/../../redirect')).toBe(false);
    expect(isAllowedExternalUrl('https://www.dicomstandard.org/current?next=https://evil.example')).toBe(false);
    expect(isAllowedExternalUrl('https://www.dicomstandard.org:8443/current')).toBe(false);
    expect(isAllowedExternalUrl('https://www.dicomstandard.org.evil.example/current')).toBe(false);
  });
});
