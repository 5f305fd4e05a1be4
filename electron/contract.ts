/**
 * The one IPC contract between the renderer and the Electron main process:
 * channel names, payload schemas (checked in main before anything is done) and
 * the `window.budgetcast` bridge type that both the preload and the browser
 * implementation provide. The renderer imports only types from here.
 */
import { z } from 'zod';

/** Every IPC channel, by name. */
export const CHANNELS = {
  openScenario: 'budgetcast:open-scenario',
  openPath: 'budgetcast:open-path',
  saveScenario: 'budgetcast:save-scenario',
  recentFiles: 'budgetcast:recent-files',
  autosave: 'budgetcast:autosave',
  takeAutosave: 'budgetcast:take-autosave',
  clearAutosave: 'budgetcast:clear-autosave',
  exportFile: 'budgetcast:export-file',
  /** main -> renderer: a menu command or a file the OS asked us to open. */
  menu: 'budgetcast:menu',
  fileOpened: 'budgetcast:file-opened',
} as const;

/** Largest scenario or export the bridge carries (characters). */
export const MAX_PAYLOAD_CHARS = 20_000_000;

const text = z.string().max(MAX_PAYLOAD_CHARS);
const fileName = z.string().min(1).max(255).refine((s) => !/[/\\\0]/.test(s), 'must be a file name, not a path');

export const SaveRequestSchema = z.strictObject({
  /** A file the user picked earlier in this session (main checks it), or null to ask where (Save As). */
  path: z.string().max(4096).nullable(),
  suggestedName: fileName,
  text,
});
export const OpenPathSchema = z.string().min(1).max(4096);
export const AutosaveSchema = z.strictObject({ name: z.string().min(1).max(255), path: z.string().max(4096).nullable(), text });
export const ExportRequestSchema = z.strictObject({ suggestedName: fileName, mime: z.string().min(1).max(100), content: text });

export type SaveRequest = z.infer<typeof SaveRequestSchema>;
export type AutosaveEntry = z.infer<typeof AutosaveSchema>;
export type ExportRequest = z.infer<typeof ExportRequestSchema>;

/** A scenario file as the renderer sees it: its text, display name and (Electron only) the path the user picked. */
export interface OpenedFile {
  path: string | null;
  name: string;
  text: string;
}

/** Menu commands main forwards to the renderer. */
export type MenuCommand = 'new' | 'open' | 'save' | 'saveAs' | 'run' | 'cancel' | 'export' | 'home';

/** The narrow object the renderer reaches the host through: `window.budgetcast`. */
export interface BudgetcastBridge {
  readonly host: 'electron' | 'browser';
  openScenario(): Promise<OpenedFile | null>;
  openPath(path: string): Promise<OpenedFile | null>;
  saveScenario(request: SaveRequest): Promise<{ path: string | null; name: string } | null>;
  recentFiles(): Promise<{ path: string; name: string }[]>;
  autosave(entry: AutosaveEntry): Promise<void>;
  takeAutosave(): Promise<AutosaveEntry | null>;
  clearAutosave(): Promise<void>;
  exportFile(request: ExportRequest): Promise<boolean>;
  onMenu(listener: (command: MenuCommand) => void): () => void;
  onFileOpened(listener: (file: OpenedFile) => void): () => void;
}
