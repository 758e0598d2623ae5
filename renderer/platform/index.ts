import { createBrowserPlatform } from './browser-platform';
import { createElectronPlatform } from './electron-platform';
import type { Platform } from './platform';

export type { FileSource, Platform } from './platform';

export const platform: Platform = window.spine ? createElectronPlatform(window.spine, window.spineMenu) : createBrowserPlatform();
