/** The app's keyboard shortcuts (DESIGN 7): Ctrl/Cmd+N, O, S, Shift+S, R, E, Z / Shift+Z (undo/redo), Esc. */
import type { MenuCommand } from '../../electron/contract';

export type ShortcutCommand = MenuCommand | 'undo' | 'redo';

/** The command a key press stands for, or null. */
export function shortcutFor(e: { key: string; ctrlKey: boolean; metaKey: boolean; shiftKey: boolean; altKey: boolean }, mac: boolean): ShortcutCommand | null {
  if (e.key === 'Escape') return 'cancel';
  const mod = mac ? e.metaKey : e.ctrlKey;
  if (!mod || e.altKey) return null;
  const k = e.key.toLowerCase();
  if (k === 'n') return 'new';
  if (k === 'o') return 'open';
  if (k === 's') return e.shiftKey ? 'saveAs' : 'save';
  if (k === 'r') return 'run';
  if (k === 'e') return 'export';
  if (k === 'z') return e.shiftKey ? 'redo' : 'undo';
  if (k === 'y' && !mac) return 'redo';
  return null;
}
