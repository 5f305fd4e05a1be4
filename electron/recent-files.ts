/** The recent-files list: most recent first, no duplicates, at most RECENT_LIMIT, kept as JSON in the user-data folder. */
import { readFile } from 'node:fs/promises';
import { basename, isAbsolute } from 'node:path';
import { writeFileAtomic } from '../simulation/cli/atomic-write';

export const RECENT_LIMIT = 10;

/** The list with `path` moved to the front. */
export function pushRecent(list: readonly string[], path: string, limit = RECENT_LIMIT): string[] {
  return [path, ...list.filter((p) => p !== path)].slice(0, limit);
}

/** Reads the stored list; anything unreadable counts as empty. */
export async function loadRecent(file: string): Promise<string[]> {
  try {
    const parsed: unknown = JSON.parse(await readFile(file, 'utf8'));
    return Array.isArray(parsed) ? parsed.filter((p): p is string => typeof p === 'string' && isAbsolute(p)).slice(0, RECENT_LIMIT) : [];
  } catch {
    return [];
  }
}

export async function saveRecent(file: string, list: readonly string[]): Promise<void> {
  await writeFileAtomic(file, `${JSON.stringify(list, null, 2)}\n`);
}

/** The list as the renderer sees it. */
export function describeRecent(list: readonly string[]): { path: string; name: string }[] {
  return list.map((path) => ({ path, name: basename(path) }));
}
