import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { createApiClient, IPC_CHANNEL, MENU_CHANNEL, type CallResult } from '../shared/api';

// The renderer sees one frozen object with one function per channel, nothing of ipcRenderer.
const api = createApiClient((channel, args) => ipcRenderer.invoke(IPC_CHANNEL, channel, args) as Promise<CallResult>);

const menu = {
  /** Calls `listener` with each menu command; returns the function that stops it. */
  onCommand(listener: (command: string) => void): () => void {
    const onMenu = (_event: IpcRendererEvent, command: unknown) => {
      if (typeof command === 'string') listener(command);
    };
    ipcRenderer.on(MENU_CHANNEL, onMenu);
    return () => void ipcRenderer.removeListener(MENU_CHANNEL, onMenu);
  },
};

contextBridge.exposeInMainWorld('spine', Object.freeze(api));
contextBridge.exposeInMainWorld('spineMenu', Object.freeze(menu));
