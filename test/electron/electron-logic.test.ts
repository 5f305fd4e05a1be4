import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { AutosaveSchema, CHANNELS, ExportRequestSchema, SaveRequestSchema } from '../../electron/contract';
import { scenarioPathsIn } from '../../electron/file-args';
import { menuTemplate, type MenuItemSpec } from '../../electron/menu-template';
import { describeRecent, loadRecent, pushRecent, RECENT_LIMIT } from '../../electron/recent-files';
import { allowNavigation, allowPermission, CONTENT_SECURITY_POLICY, isTrustedSender, secureWebPreferences } from '../../electron/security';

describe('the window security baseline', () => {
  it('sandboxes every window, isolates its context and gives it no Node', () => {
    expect(secureWebPreferences('/app/preload.cjs')).toMatchObject({ sandbox: true, contextIsolation: true, nodeIntegration: false, nodeIntegrationInWorker: false, webviewTag: false, disableBlinkFeatures: 'Auxclick' });
  });

  it('grants pages no permission', () => {
    for (const p of ['media', 'notifications', 'openExternal', 'geolocation', 'clipboard-read']) expect(allowPermission(p)).toBe(false);
  });

  it('lets workers load only from the app itself', () => {
    expect(CONTENT_SECURITY_POLICY).toContain("worker-src 'self'");
    expect(CONTENT_SECURITY_POLICY).toContain("default-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
  });

  it('trusts IPC only from pages inside the renderer folder', () => {
    expect(isTrustedSender('file:///opt/budgetcast/resources/app/dist/renderer/index.html', '/opt/budgetcast/resources/app/dist/renderer')).toBe(true);
    expect(isTrustedSender('file:///tmp/evil.html', '/opt/budgetcast/resources/app/dist/renderer')).toBe(false);
    expect(isTrustedSender('https://example.com/', '/opt/budgetcast/resources/app/dist/renderer')).toBe(false);
    expect(isTrustedSender('not a url', '/x')).toBe(false);
  });

  it('allows navigation only to the page already loaded', () => {
    expect(allowNavigation('file:///a/index.html', 'file:///a/index.html')).toBe(true);
    expect(allowNavigation('file:///a/index.html', 'https://example.com/')).toBe(false);
  });
});

describe('the IPC contract', () => {
  it('names every channel once, under the budgetcast: prefix', () => {
    const names = Object.values(CHANNELS);
    expect(new Set(names).size).toBe(names.length);
    expect(names.every((n) => n.startsWith('budgetcast:'))).toBe(true);
  });

  it('refuses payloads that are not what the channel carries', () => {
    expect(SaveRequestSchema.safeParse({ path: null, suggestedName: 'a.yaml', text: 'x' }).success).toBe(true);
    expect(SaveRequestSchema.safeParse({ path: null, suggestedName: '../../etc/passwd', text: 'x' }).success).toBe(false);
    expect(SaveRequestSchema.safeParse({ path: null, suggestedName: 'a.yaml', text: 'x', extra: 1 }).success).toBe(false);
    expect(ExportRequestSchema.safeParse({ suggestedName: 'r.json', mime: 'application/json', content: 42 }).success).toBe(false);
    expect(AutosaveSchema.safeParse({ name: 'a.yaml', path: null, text: 'x' }).success).toBe(true);
  });
});

describe('files', () => {
  it('keeps recent files most recent first, without duplicates, at most ten', () => {
    let list: string[] = [];
    for (let i = 0; i < 12; i++) list = pushRecent(list, `/f/${i}.yaml`);
    list = pushRecent(list, '/f/5.yaml');
    expect(list.length).toBe(RECENT_LIMIT);
    expect(list[0]).toBe('/f/5.yaml');
    expect(list.filter((p) => p === '/f/5.yaml').length).toBe(1);
    expect(describeRecent(['/a/b/mahavishnu.yaml'])).toEqual([{ path: '/a/b/mahavishnu.yaml', name: 'mahavishnu.yaml' }]);
  });

  it('reads an unreadable recent list as empty', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc-recent-'));
    await writeFile(join(dir, 'recent.json'), '{not json');
    expect(await loadRecent(join(dir, 'recent.json'))).toEqual([]);
    expect(await loadRecent(join(dir, 'missing.json'))).toEqual([]);
  });

  it('finds scenario files on a command line, skipping switches, and makes them absolute against where the command ran', () => {
    expect(scenarioPathsIn(['/usr/bin/budgetcast', '--no-sandbox', '/home/a/q1.budgetcast.yaml', 'notes.txt', 'b.json'], '/work')).toEqual(['/home/a/q1.budgetcast.yaml', '/work/b.json']);
  });

  it('forgets recent files stored as relative paths', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc-recent-'));
    await writeFile(join(dir, 'recent.json'), JSON.stringify(['/a/x.yaml', 'relative/y.yaml']));
    expect(await loadRecent(join(dir, 'recent.json'))).toEqual(['/a/x.yaml']);
  });
});

describe('the application menu', () => {
  const flat = (items: MenuItemSpec[]): MenuItemSpec[] => items.flatMap((i) => [i, ...(i.submenu ? flat(i.submenu) : [])]);

  it('has File New, Open, Open Recent, Save, Save As with their shortcuts, Run, View and Help', () => {
    const menu = menuTemplate([{ path: '/a/x.yaml', name: 'x.yaml' }], false);
    expect(menu.map((m) => m.label)).toEqual(['File', 'Edit', 'Run', 'View', 'Help']);
    const items = flat(menu);
    const accel = (label: string) => items.find((i) => i.label === label && !i.submenu)?.accelerator;
    expect([accel('New'), accel('Open…'), accel('Save'), accel('Save As…'), accel('Run')]).toEqual(['CmdOrCtrl+N', 'CmdOrCtrl+O', 'CmdOrCtrl+S', 'CmdOrCtrl+Shift+S', 'CmdOrCtrl+R']);
    expect(items.find((i) => i.label === 'x.yaml')?.recentPath).toBe('/a/x.yaml');
  });

  it('has no dead items: every labelled leaf sends a command, opens a file, or is the empty-recent note', () => {
    const leaves = flat(menuTemplate([], true)).filter((i) => i.label && !i.submenu);
    expect(leaves.every((i) => i.command !== undefined || i.recentPath !== undefined || i.label === 'No recent files')).toBe(true);
  });
});

describe('packaging (build/electron-builder.yml)', () => {
  it('builds AppImage and deb for Linux, with mac and win targets configured, from the built app only', async () => {
    const config = parse(await readFile(join(process.cwd(), 'build/electron-builder.yml'), 'utf8')) as Record<string, { target?: string[] } & Record<string, unknown>>;
    expect(config.linux.target).toEqual(['AppImage', 'deb']);
    expect(config.mac.target).toContain('dmg');
    expect(config.win.target).toContain('nsis');
    expect(config.files).toEqual(expect.arrayContaining(['dist/electron/**', 'dist/renderer/**']));
    expect((config.extraMetadata as unknown as { main: string }).main).toBe('dist/electron/main.cjs');
  });
});
