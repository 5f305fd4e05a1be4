/** The host bridge the renderer uses: Electron's preload object when present, else the browser one. */
import type { BudgetcastBridge } from '../../../electron/contract';
import { createBrowserBridge } from './browser-bridge';

declare global {
  interface Window {
    budgetcast?: BudgetcastBridge;
  }
}

let bridge: BudgetcastBridge | null = null;

/** The bridge of this window (created once). */
export function getBridge(): BudgetcastBridge {
  bridge ??= window.budgetcast ?? createBrowserBridge();
  return bridge;
}
