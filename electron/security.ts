/**
 * Security policy of the app window and its content, kept free of the `electron` import so
 * tests can assert it directly (NOTES.md "Electron security in practice").
 */

export const APP_SCHEME = 'app';
export const APP_HOST = 'spinelab';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;

/** No remote origins, no eval; WASM codecs need 'wasm-unsafe-eval' and nothing broader. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "media-src 'self' blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self' blob:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Response headers every piece of app content is served with. */
export const CONTENT_HEADERS: Readonly<Record<string, string>> = {
  'Content-Security-Policy': CONTENT_SECURITY_POLICY,
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
};

export interface SecureWebPreferences {
  readonly preload: string;
  readonly contextIsolation: true;
  readonly sandbox: true;
  readonly nodeIntegration: false;
  readonly nodeIntegrationInWorker: false;
  readonly nodeIntegrationInSubFrames: false;
  readonly webSecurity: true;
  readonly allowRunningInsecureContent: false;
  readonly experimentalFeatures: false;
  readonly webviewTag: false;
  readonly navigateOnDragDrop: false;
  readonly spellcheck: false;
}

export function secureWebPreferences(preloadPath: string): SecureWebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    webviewTag: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(preloadPath: string, iconPath?: string) {
  return {
    width: 1440,
    height: 900,
    minWidth: 1024,
    minHeight: 680,
    title: 'SpineLab',
    backgroundColor: '#0d1117',
    show: false,
    icon: iconPath,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

/** Same-origin check by parsed URL, never by string prefix. */
export function isAppUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return u.protocol === `${APP_SCHEME}:` && u.host === APP_HOST;
  } catch {
    return false;
  }
}

/**
 * The exact pages the app may hand to the system browser: the standards and papers it cites
 * (../shared/DOMAIN.md). Whole hosts are not enough: anyone can publish a page on github.com.
 */
export const EXTERNAL_PAGES: readonly string[] = [
  'https://www.dicomstandard.org/current',
  'https://dicom.nema.org/medical/dicom/current/output/html/part15.html',
  'https://doi.org/10.1002/jbmr.5650080915',
  'https://pubmed.ncbi.nlm.nih.gov/8237484/',
  'https://doi.org/10.1186/s13018-020-01649-y',
  'https://doi.org/10.1186/s13018-023-03758-w',
];

/** https, no credentials, port or query, and exactly one of EXTERNAL_PAGES (a #section of it is the same page). */
export function isAllowedExternalUrl(url: string): boolean {
  try {
    const u = new URL(url);
    return (
      u.protocol === 'https:' && u.username === '' && u.password === '' && u.port === '' && u.search === '' &&
      EXTERNAL_PAGES.includes(`${u.origin}${u.pathname}`)
    );
  } catch {
    return false;
  }
}

/**
 * will-navigate and will-redirect: the window only ever shows our own origin, so every other
 * destination (javascript:, data:, file:, a loopback server, a look-alike host) is refused.
 */
export function navigationDecision(url: string): 'allow' | 'deny' {
  return isAppUrl(url) ? 'allow' : 'deny';
}

export interface WindowOpenDecision {
  readonly action: 'deny';
  /** Whether to hand the URL to the system browser instead. */
  readonly openExternally: boolean;
}

/** The app never opens a second window; allowlisted https links go to the system browser. */
export function windowOpenDecision(url: string): WindowOpenDecision {
  return { action: 'deny', openExternally: isAllowedExternalUrl(url) };
}

/**
 * Session permission requests and checks (camera, geolocation, notifications, clipboard, …) are
 * refused: nothing the app does depends on one. The one exception is full screen for our own page,
 * which the Explain presentation mode asks for in the consult room; any other origin is refused.
 */
export function permissionDecision(permission: string, requestingUrl = ''): boolean {
  return permission === 'fullscreen' && isAppUrl(requestingUrl);
}

/** IPC is answered only for the main frame of our own app origin (VS Code's validatedIpcMain). */
export function isTrustedSender(frame: { url: string; isMainFrame: boolean } | null | undefined): boolean {
  return !!frame && frame.isMainFrame && isAppUrl(frame.url);
}

/** The IPC channel name lives with the rest of the host contract; re-exported for existing importers. */
export { IPC_CHANNEL } from '../shared/api';
