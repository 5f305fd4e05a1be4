/**
 * Atomic file writes: a temporary file beside the target, fsync, rename, fsync of
 * the folder; a crash leaves the old file or the new, never half of one. A
 * symbolic link is written through (its target is replaced), and an existing
 * file keeps its permissions. The command's outputs and the app's saves both use it.
 */
import { randomBytes } from 'node:crypto';
import { open, realpath, rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file a path finally names (through symbolic links), and its permission bits if it exists. */
async function targetOf(path: string): Promise<{ file: string; mode: number }> {
  try {
    const file = await realpath(path);
    return { file, mode: (await stat(file)).mode & 0o777 };
  } catch {
    return { file: path, mode: 0o644 };
  }
}

/** Writes `text` to `path` atomically (UTF-8). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const { file, mode } = await targetOf(path);
  const folder = dirname(file);
  const temp = join(folder, `.${basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const handle = await open(temp, 'wx', mode);
  try {
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, file);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
  // The rename itself lasts only once the folder is on disk too (where the platform lets a folder be opened).
  const dir = await open(folder, 'r').catch(() => null);
  if (dir) {
    await dir.sync().catch(() => undefined);
    await dir.close();
  }
}
