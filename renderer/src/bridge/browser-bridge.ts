/**
 * The browser implementation of `window.budgetcast`: a file input to open, a
 * download to save or export, localStorage for recent files and autosave. The
 * same renderer runs on it in a plain browser (and in the end-to-end tests).
 */
import type { AutosaveEntry, BudgetcastBridge, ExportRequest, MenuCommand, OpenedFile, SaveRequest } from '../../../electron/contract';

const RECENT_KEY = 'budgetcast.recent';
const AUTOSAVE_KEY = 'budgetcast.autosave';
/** Recent files kept (their text too: a browser cannot reopen a path). */
const RECENT_LIMIT = 8;

interface StoredRecent {
  path: string;
  name: string;
  text: string;
}

function readRecent(storage: Storage): StoredRecent[] {
  try {
    const parsed: unknown = JSON.parse(storage.getItem(RECENT_KEY) ?? '[]');
    return Array.isArray(parsed) ? parsed.filter((r): r is StoredRecent => typeof r?.path === 'string' && typeof r?.name === 'string' && typeof r?.text === 'string') : [];
  } catch {
    return [];
  }
}

function remember(storage: Storage, file: { name: string; text: string }): void {
  const path = `browser:${file.name}`;
  const list = [{ path, name: file.name, text: file.text }, ...readRecent(storage).filter((r) => r.path !== path)].slice(0, RECENT_LIMIT);
  try {
    storage.setItem(RECENT_KEY, JSON.stringify(list));
  } catch {
    // Storage full: recent files are a convenience, the open itself succeeded.
  }
}

/** Offers `content` as a download named `name`. */
function download(doc: Document, name: string, mime: string, content: string): void {
  const url = URL.createObjectURL(new Blob([content], { type: mime }));
  const a = doc.createElement('a');
  a.href = url;
  a.download = name;
  a.style.display = 'none';
  doc.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** A bridge on the browser's own file input, downloads and storage. */
export function createBrowserBridge(doc: Document = document, storage: Storage = localStorage): BudgetcastBridge {
  const menuListeners = new Set<(command: MenuCommand) => void>();
  return {
    host: 'browser',
    openScenario(): Promise<OpenedFile | null> {
      return new Promise((resolve) => {
        const input = doc.createElement('input');
        input.type = 'file';
        input.accept = '.yaml,.yml,.json';
        input.style.display = 'none';
        input.setAttribute('data-testid', 'bridge-file-input');
        input.addEventListener('change', () => {
          const file = input.files?.[0];
          input.remove();
          if (!file) return resolve(null);
          file.text().then((text) => {
            remember(storage, { name: file.name, text });
            resolve({ path: null, name: file.name, text });
          }, () => resolve(null));
        });
        input.addEventListener('cancel', () => {
          input.remove();
          resolve(null);
        });
        doc.body.appendChild(input);
        input.click();
      });
    },
    async openPath(path: string): Promise<OpenedFile | null> {
      const hit = readRecent(storage).find((r) => r.path === path);
      return hit ? { path: null, name: hit.name, text: hit.text } : null;
    },
    async saveScenario(request: SaveRequest) {
      download(doc, request.suggestedName, 'application/yaml', request.text);
      remember(storage, { name: request.suggestedName, text: request.text });
      return { path: null, name: request.suggestedName };
    },
    async recentFiles() {
      return readRecent(storage).map(({ path, name }) => ({ path, name }));
    },
    async autosave(entry: AutosaveEntry) {
      try {
        storage.setItem(AUTOSAVE_KEY, JSON.stringify(entry));
      } catch {
        // Storage full: the edit stays in memory; nothing else to do.
      }
    },
    async takeAutosave(): Promise<AutosaveEntry | null> {
      try {
        const parsed = JSON.parse(storage.getItem(AUTOSAVE_KEY) ?? 'null') as AutosaveEntry | null;
        return parsed && typeof parsed.text === 'string' && typeof parsed.name === 'string' ? { name: parsed.name, path: null, text: parsed.text } : null;
      } catch {
        return null;
      }
    },
    async clearAutosave() {
      storage.removeItem(AUTOSAVE_KEY);
    },
    async exportFile(request: ExportRequest) {
      download(doc, request.suggestedName, request.mime, request.content);
      return true;
    },
    onMenu(listener) {
      menuListeners.add(listener);
      return () => menuListeners.delete(listener);
    },
    onFileOpened() {
      return () => undefined;
    },
  };
}
