import { contextBridge, ipcRenderer } from 'electron';
import { CHANNELS, type Channel, type HostApi } from '../shared/api';

// The renderer sees one frozen object with one function per channel, nothing of ipcRenderer.
type Result = { ok: true; result: unknown } | { ok: false; error: string };

const api = Object.fromEntries(
  CHANNELS.map((channel: Channel) => [
    channel,
    async (...args: unknown[]) => {
      const r = (await ipcRenderer.invoke('spinelab:call', channel, args)) as Result;
      if (!r.ok) throw new Error(r.error);
      return r.result;
    },
  ]),
) as unknown as HostApi;

const menu = {
  onCommand(listener: (command: string) => void): void {
    ipcRenderer.on('spinelab:menu', (_event, command: unknown) => {
      if (typeof command === 'string') listener(command);
    });
  },
};

contextBridge.exposeInMainWorld('spine', Object.freeze(api));
contextBridge.exposeInMainWorld('spineMenu', Object.freeze(menu));
