/** The application menu as data: every item either sends a command the renderer handles or is an Electron role. */
import type { MenuCommand } from './contract';

export interface MenuItemSpec {
  label?: string;
  accelerator?: string;
  command?: MenuCommand;
  /** Opens a recent file. */
  recentPath?: string;
  role?: 'quit' | 'reload' | 'toggleDevTools' | 'resetZoom' | 'zoomIn' | 'zoomOut' | 'togglefullscreen' | 'about' | 'undo' | 'redo' | 'cut' | 'copy' | 'paste' | 'selectAll';
  separator?: true;
  submenu?: MenuItemSpec[];
}

/** The menu for a platform and a recent-files list. */
export function menuTemplate(recent: { path: string; name: string }[], isMac: boolean): MenuItemSpec[] {
  const sep: MenuItemSpec = { separator: true };
  return [
    {
      label: 'File',
      submenu: [
        { label: 'New', accelerator: 'CmdOrCtrl+N', command: 'new' },
        { label: 'Open…', accelerator: 'CmdOrCtrl+O', command: 'open' },
        { label: 'Open Recent', submenu: recent.length > 0 ? recent.map((r) => ({ label: r.name, recentPath: r.path })) : [{ label: 'No recent files' }] },
        sep,
        { label: 'Save', accelerator: 'CmdOrCtrl+S', command: 'save' },
        { label: 'Save As…', accelerator: 'CmdOrCtrl+Shift+S', command: 'saveAs' },
        { label: 'Export Result as JSON…', accelerator: 'CmdOrCtrl+E', command: 'export' },
        sep,
        isMac ? { role: 'about' } : { role: 'quit' },
      ],
    },
    { label: 'Edit', submenu: [{ role: 'undo' }, { role: 'redo' }, sep, { role: 'cut' }, { role: 'copy' }, { role: 'paste' }, { role: 'selectAll' }] },
    { label: 'Run', submenu: [{ label: 'Run', accelerator: 'CmdOrCtrl+R', command: 'run' }, { label: 'Cancel (Esc)', command: 'cancel' }] },
    { label: 'View', submenu: [{ label: 'Home', command: 'home' }, sep, { role: 'resetZoom' }, { role: 'zoomIn' }, { role: 'zoomOut' }, sep, { role: 'togglefullscreen' }, { role: 'toggleDevTools' }] },
    { label: 'Help', submenu: [{ role: 'about' }] },
  ];
}
