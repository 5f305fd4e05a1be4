import { lstat, mkdtemp, readdir, readFile, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { writeFileAtomic } from '../../../simulation/cli/atomic-write';

describe('atomic writes (the command\'s outputs and the app\'s saves)', () => {
  it('writes atomically: the new text replaces the old and no temporary file stays behind', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc-atomic-'));
    const path = join(dir, 'scenario.yaml');
    await writeFile(path, 'old');
    await writeFileAtomic(path, 'new text');
    expect(await readFile(path, 'utf8')).toBe('new text');
    expect(await readdir(dir)).toEqual(['scenario.yaml']);
  });

  it('fails without touching the target when the folder does not exist', async () => {
    await expect(writeFileAtomic('/nonexistent-dir-bc/x.yaml', 'x')).rejects.toThrow();
  });

  it('keeps a file\'s permissions and writes through a symbolic link', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'bc-atomic-'));
    const real = join(dir, 'real.yaml');
    await writeFile(real, 'old', { mode: 0o600 });
    await symlink(real, join(dir, 'link.yaml'));
    await writeFileAtomic(join(dir, 'link.yaml'), 'new');
    expect(await readFile(real, 'utf8')).toBe('new');
    expect((await lstat(join(dir, 'link.yaml'))).isSymbolicLink()).toBe(true);
    expect((await stat(real)).mode & 0o777).toBe(0o600);
    expect((await readdir(dir)).sort()).toEqual(['link.yaml', 'real.yaml']);
  });
});
