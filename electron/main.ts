import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell, type MenuItemConstructorOptions } from 'electron';
import { promises as fs } from 'node:fs';
import path from 'node:path';
import { APP_NAME, DISCLAIMER, IPC_CHANNEL, MENU_CHANNEL } from '../shared/api';
import { createAnnotationStorage } from './services/annotation-storage';
import { createAppProtocolHandler } from './services/app-protocol';
import { createHostApi } from './services/host-api';
import { createHostServices } from './services/host-services';
import { handleIpcCall } from './services/ipc-call';
import { APP_ORIGIN, APP_SCHEME, mainWindowOptions, navigationDecision, permissionDecision, windowOpenDecision } from './security';

// The only module that imports `electron`: it wires the plain services to windows, menus,
// dialogs, the app:// protocol and IPC.

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true, codeCache: true } },
]);

const rendererDir = path.join(__dirname, '..', 'renderer');
const samplesDir = app.isPackaged ? path.join(process.resourcesPath, 'samples') : path.join(__dirname, '..', '..', 'samples', 'cases');

let mainWindow: BrowserWindow | undefined;

const services = createHostServices({
  version: app.getVersion(),
  mode: 'electron',
  userDataDir: app.getPath('userData'),
  samplesDir,
  annotations: createAnnotationStorage,
  dialogs: {
    async showOpen(kind) {
      const result = await dialog.showOpenDialog(mainWindow!, {
        title: kind === 'folder' ? 'Open a DICOM folder' : 'Open DICOM files',
        properties: kind === 'folder' ? ['openDirectory'] : ['openFile', 'multiSelections'],
      });
      return result.canceled ? null : result.filePaths;
    },
    async saveAs(suggestedName, bytes) {
      const result = await dialog.showSaveDialog(mainWindow!, { defaultPath: suggestedName });
      if (result.canceled || !result.filePath) return null;
      await fs.writeFile(result.filePath, bytes);
      return result.filePath;
    },
  },
});
const api = createHostApi(services);

function sendMenuCommand(command: string): void {
  mainWindow?.webContents.send(MENU_CHANNEL, command);
}

function buildMenu(): Menu {
  const template: MenuItemConstructorOptions[] = [
    {
      label: 'File',
      submenu: [
        { label: 'Open Files…', accelerator: 'CmdOrCtrl+O', click: () => sendMenuCommand('open-files') },
        { label: 'Open Folder…', accelerator: 'CmdOrCtrl+Shift+O', click: () => sendMenuCommand('open-folder') },
        { label: 'Open Recent', click: () => sendMenuCommand('open-recent') },
        { label: 'Close Study', accelerator: 'CmdOrCtrl+W', click: () => sendMenuCommand('close-study') },
        { type: 'separator' },
        { role: 'quit' },
      ],
    },
    {
      label: 'View',
      submenu: [
        { label: 'Viewer', accelerator: 'CmdOrCtrl+1', click: () => sendMenuCommand('view-viewer') },
        { label: 'Sample Cases', accelerator: 'CmdOrCtrl+2', click: () => sendMenuCommand('view-cases') },
        { label: 'Explain (3D)', accelerator: 'CmdOrCtrl+3', click: () => sendMenuCommand('view-explain') },
        { type: 'separator' },
        { label: 'Hide Patient Identifiers', accelerator: 'CmdOrCtrl+I', click: () => sendMenuCommand('toggle-identifiers') },
        { role: 'togglefullscreen' },
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
      ],
    },
    {
      label: 'Help',
      submenu: [
        { label: 'Keyboard Shortcuts', accelerator: '?', click: () => sendMenuCommand('show-help') },
        {
          label: `About ${APP_NAME}`,
          click: () =>
            void dialog.showMessageBox(mainWindow!, {
              type: 'info',
              title: `About ${APP_NAME}`,
              message: `${APP_NAME} ${app.getVersion()}`,
              detail: `Spinal compression fracture imaging, measurement and patient education.\n\n${DISCLAIMER}\nFor education and research, not for diagnosis.`,
            }),
        },
      ],
    },
  ];
  return Menu.buildFromTemplate(template);
}

function createWindow(): void {
  mainWindow = new BrowserWindow(mainWindowOptions(path.join(__dirname, 'preload.cjs')));
  mainWindow.once('ready-to-show', () => mainWindow?.show());
  void mainWindow.loadURL(`${APP_ORIGIN}/index.html`);
}

// Every web contents, the main window's included, gets the same guards as it is created: it
// navigates and redirects nowhere but our origin, opens no window and attaches no webview.
app.on('web-contents-created', (_event, contents) => {
  contents.on('will-navigate', (event, url) => {
    if (navigationDecision(url) === 'deny') event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (navigationDecision(url) === 'deny') event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    const decision = windowOpenDecision(url);
    if (decision.openExternally) void shell.openExternal(url);
    return { action: decision.action };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
});

app.enableSandbox();
app.whenReady().then(() => {
  session.defaultSession.setPermissionRequestHandler((_wc, permission, callback, details) => callback(permissionDecision(permission, details.requestingUrl)));
  session.defaultSession.setPermissionCheckHandler((_wc, permission, requestingOrigin) => permissionDecision(permission, requestingOrigin));
  protocol.handle(APP_SCHEME, createAppProtocolHandler({ registry: services.registry, rendererDir }));
  ipcMain.handle(IPC_CHANNEL, (event, channel: unknown, args: unknown) => handleIpcCall(api, event.senderFrame, channel, args));
  Menu.setApplicationMenu(buildMenu());
  createWindow();
});

app.on('window-all-closed', () => app.quit());
