/**
 * The Electron main process: one secure window, the menu, dialogs, atomic file IO,
 * recent files, autosave, single instance and files opened by the OS. Every
 * decision lives in a plain function beside this file; this one only wires them.
 */
import { app, BrowserWindow, dialog, ipcMain, Menu, type IpcMainInvokeEvent, type MenuItemConstructorOptions, session } from 'electron';
import { readFile, rm } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { z } from 'zod';
import { writeFileAtomic } from '../simulation/cli/atomic-write';
import { AutosaveSchema, CHANNELS, ExportRequestSchema, type MenuCommand, type OpenedFile, OpenPathSchema, SaveRequestSchema } from './contract';
import { scenarioPathsIn } from './file-args';
import { menuTemplate, type MenuItemSpec } from './menu-template';
import { describeRecent, loadRecent, pushRecent, saveRecent } from './recent-files';
import { allowNavigation, allowPermission, CONTENT_SECURITY_POLICY, isTrustedSender, secureWebPreferences } from './security';

const rendererDir = join(__dirname, '..', 'renderer');
const indexHtml = join(rendererDir, 'index.html');
const userFile = (name: string) => join(app.getPath('userData'), name);
/** Paths the user picked in a dialog or named on the command line: the only files main writes to. */
const picked = new Set<string>();
let recent: string[] = [];
let win: BrowserWindow | null = null;
/** Whether the page has loaded and listens for opened files; until then they wait in pendingOpen. */
let loaded = false;
const pendingOpen: string[] = [];

/** Opens a file now if the page listens, else once it has loaded. */
function openWhenReady(path: string): void {
  if (win && loaded) void openAndSend(path);
  else pendingOpen.push(path);
}

function send(channel: string, payload: unknown): void {
  win?.webContents.send(channel, payload);
}

function toMenu(items: MenuItemSpec[]): MenuItemConstructorOptions[] {
  return items.map((i): MenuItemConstructorOptions => {
    if (i.separator) return { type: 'separator' };
    if (i.role) return { role: i.role };
    const command = i.command;
    const path = i.recentPath;
    return {
      label: i.label,
      accelerator: i.accelerator,
      enabled: command !== undefined || path !== undefined || i.submenu !== undefined,
      submenu: i.submenu ? toMenu(i.submenu) : undefined,
      click: command ? () => send(CHANNELS.menu, command satisfies MenuCommand) : path ? () => void openAndSend(path) : undefined,
    };
  });
}

function refreshMenu(): void {
  Menu.setApplicationMenu(Menu.buildFromTemplate(toMenu(menuTemplate(describeRecent(recent), process.platform === 'darwin'))));
}

async function remember(path: string): Promise<void> {
  picked.add(path);
  recent = pushRecent(recent, path);
  await saveRecent(userFile('recent.json'), recent).catch(() => undefined);
  app.addRecentDocument(path);
  refreshMenu();
}

async function readScenarioFile(path: string): Promise<OpenedFile | null> {
  try {
    const text = await readFile(path, 'utf8');
    await remember(path);
    return { path, name: basename(path), text };
  } catch (error) {
    dialog.showErrorBox('Budgetcast', `${basename(path)}: could not be read (${(error as Error).message.split('\n')[0]})`);
    return null;
  }
}

async function openAndSend(path: string): Promise<void> {
  const file = await readScenarioFile(path);
  if (file) send(CHANNELS.fileOpened, file);
}

/** Registers an IPC handler that checks the sender and the payload before doing anything. */
function handle<T>(channel: string, schema: z.ZodType<T> | null, fn: (payload: T) => Promise<unknown> | unknown): void {
  ipcMain.handle(channel, async (event: IpcMainInvokeEvent, payload: unknown) => {
    if (!isTrustedSender(event.senderFrame?.url ?? '', rendererDir)) throw new Error('IPC from an unexpected sender was refused');
    if (schema === null) return fn(undefined as T);
    const read = schema.safeParse(payload);
    if (!read.success) throw new Error(`IPC ${channel}: ${read.error.issues[0]?.message ?? 'bad payload'}`);
    return fn(read.data);
  });
}

function registerIpc(): void {
  handle(CHANNELS.openScenario, null, async () => {
    if (!win) return null;
    const chosen = await dialog.showOpenDialog(win, { properties: ['openFile'], filters: [{ name: 'Scenarios', extensions: ['yaml', 'yml', 'json'] }] });
    return chosen.canceled || chosen.filePaths.length === 0 ? null : readScenarioFile(chosen.filePaths[0]);
  });
  handle(CHANNELS.openPath, OpenPathSchema, (path) => (recent.includes(path) || picked.has(path) ? readScenarioFile(path) : null));
  handle(CHANNELS.saveScenario, SaveRequestSchema, async (request) => {
    let path = request.path !== null && picked.has(request.path) ? request.path : null;
    if (path === null) {
      if (!win) return null;
      const chosen = await dialog.showSaveDialog(win, { defaultPath: request.suggestedName, filters: [{ name: 'Scenarios', extensions: ['yaml'] }] });
      if (chosen.canceled || !chosen.filePath) return null;
      path = chosen.filePath;
    }
    await writeFileAtomic(path, request.text);
    await remember(path);
    return { path, name: basename(path) };
  });
  handle(CHANNELS.recentFiles, null, () => describeRecent(recent));
  handle(CHANNELS.autosave, AutosaveSchema, (entry) => writeFileAtomic(userFile('autosave.json'), JSON.stringify(entry)));
  handle(CHANNELS.takeAutosave, null, async () => {
    try {
      const read = AutosaveSchema.safeParse(JSON.parse(await readFile(userFile('autosave.json'), 'utf8')));
      return read.success ? read.data : null;
    } catch {
      return null;
    }
  });
  handle(CHANNELS.clearAutosave, null, () => rm(userFile('autosave.json'), { force: true }));
  handle(CHANNELS.exportFile, ExportRequestSchema, async (request) => {
    if (!win) return false;
    const chosen = await dialog.showSaveDialog(win, { defaultPath: request.suggestedName });
    if (chosen.canceled || !chosen.filePath) return false;
    await writeFileAtomic(chosen.filePath, request.content);
    return true;
  });
}

/** The one window factory: the security baseline of DESIGN 8 on every window. */
function createWindow(): BrowserWindow {
  // sandbox, contextIsolation, no nodeIntegration and Auxclick off come from secureWebPreferences (tested in test/electron), which the scanner cannot follow.
  const w = new BrowserWindow({ width: 1280, height: 860, show: false, title: 'Budgetcast', webPreferences: secureWebPreferences(join(__dirname, 'preload.cjs')) }); // eng-disable CONTEXT_ISOLATION_JS_CHECK SANDBOX_JS_CHECK AUXCLICK_JS_CHECK
  w.webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  w.webContents.on('will-navigate', (event, url) => {
    if (!allowNavigation(w.webContents.getURL(), url)) event.preventDefault();
  });
  w.once('ready-to-show', () => w.show());
  w.webContents.once('did-finish-load', () => {
    loaded = true;
    for (const path of pendingOpen.splice(0)) void openAndSend(path);
  });
  void w.loadFile(indexHtml);
  return w;
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  pendingOpen.push(...scenarioPathsIn(process.argv, process.cwd()));
  app.on('second-instance', (_event, argv, workingDirectory) => {
    for (const path of scenarioPathsIn(argv, workingDirectory)) openWhenReady(path);
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  app.on('open-file', (event, path) => {
    event.preventDefault();
    openWhenReady(path);
  });
  app.whenReady().then(async () => {
    // The app needs no permission at all (camera, notifications, openExternal...): refuse every request.
    session.defaultSession.setPermissionRequestHandler((_contents, permission, callback) => callback(allowPermission(permission)));
    session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [CONTENT_SECURITY_POLICY] } });
    });
    recent = await loadRecent(userFile('recent.json'));
    for (const path of recent) picked.add(path);
    registerIpc();
    refreshMenu();
    win = createWindow();
    win.on('closed', () => {
      win = null;
      loaded = false;
    });
  });
  app.on('window-all-closed', () => app.quit());
}
