/** The security baseline of every window (DESIGN 8), as plain data and predicates a test can check without Electron. */

/** The Content-Security-Policy every page is served with. */
export const CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; worker-src 'self' blob:; img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'";

/** webPreferences for the one kind of window the app opens. */
export function secureWebPreferences(preload: string) {
  return {
    preload,
    sandbox: true,
    contextIsolation: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    webviewTag: false,
    spellcheck: false,
    safeDialogs: true,
    disableBlinkFeatures: 'Auxclick',
  } as const;
}

/** Whether a page may have a permission (media, notifications, ...): the app needs none, so never. */
export function allowPermission(_permission: string): boolean {
  return false;
}

/** Whether an IPC message comes from our own page: a file: URL inside the app's renderer folder. */
export function isTrustedSender(senderUrl: string, rendererDir: string): boolean {
  try {
    const url = new URL(senderUrl);
    if (url.protocol !== 'file:') return false;
    const path = decodeURIComponent(url.pathname).replace(/\\/g, '/');
    const dir = rendererDir.replace(/\\/g, '/').replace(/\/?$/, '/');
    return path.startsWith(dir) || path.startsWith(`/${dir}`);
  } catch {
    return false;
  }
}

/** Navigation is allowed only to the page already loaded (reloads). */
export function allowNavigation(current: string, target: string): boolean {
  return current === target;
}
