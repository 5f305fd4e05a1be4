/** The preload: exposes exactly one narrow object, `window.budgetcast`, over the IPC contract. */
import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron';
import { type BudgetcastBridge, CHANNELS, type MenuCommand, type OpenedFile } from './contract';

const bridge: BudgetcastBridge = {
  host: 'electron',
  openScenario: () => ipcRenderer.invoke(CHANNELS.openScenario),
  openPath: (path) => ipcRenderer.invoke(CHANNELS.openPath, path),
  saveScenario: (request) => ipcRenderer.invoke(CHANNELS.saveScenario, request),
  recentFiles: () => ipcRenderer.invoke(CHANNELS.recentFiles),
  autosave: (entry) => ipcRenderer.invoke(CHANNELS.autosave, entry),
  takeAutosave: () => ipcRenderer.invoke(CHANNELS.takeAutosave),
  clearAutosave: () => ipcRenderer.invoke(CHANNELS.clearAutosave),
  exportFile: (request) => ipcRenderer.invoke(CHANNELS.exportFile, request),
  onMenu(listener) {
    const handler = (_: IpcRendererEvent, command: MenuCommand) => listener(command);
    ipcRenderer.on(CHANNELS.menu, handler);
    return () => ipcRenderer.removeListener(CHANNELS.menu, handler);
  },
  onFileOpened(listener) {
    const handler = (_: IpcRendererEvent, file: OpenedFile) => listener(file);
    ipcRenderer.on(CHANNELS.fileOpened, handler);
    return () => ipcRenderer.removeListener(CHANNELS.fileOpened, handler);
  },
};

contextBridge.exposeInMainWorld('budgetcast', bridge);
