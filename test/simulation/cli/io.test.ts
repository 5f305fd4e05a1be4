import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { CliError } from '../../../simulation/cli/errors';
import { readText, writeAtomic } from '../../../simulation/cli/io';

const folders: string[] = [];
function scratch(): string {
  const folder = mkdtempSync(join(tmpdir(), 'budgetcast-io-'));
  folders.push(folder);
  return folder;
}
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

describe('writeAtomic', () => {
  it('creates the missing folders and leaves only the target file behind', async () => {
    const folder = scratch();
    const target = join(folder, 'a', 'b', 'result.json');
    await writeAtomic(target, '{"x": 1}\n');
    expect(readFileSync(target, 'utf8')).toBe('{"x": 1}\n');
    expect(readdirSync(join(folder, 'a', 'b'))).toEqual(['result.json']);
  });

  it('replaces an existing file whole', async () => {
    const folder = scratch();
    const target = join(folder, 'result.json');
    writeFileSync(target, 'old content that is longer than the new one');
    await writeAtomic(target, 'new');
    expect(readFileSync(target, 'utf8')).toBe('new');
  });

  it('fails with one line naming the file when the target is a folder, and cleans up its temporary file', async () => {
    const folder = scratch();
    const error = await writeAtomic(folder, 'x').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).lines).toHaveLength(1);
    expect((error as CliError).lines[0]).toMatch(new RegExp(`^${folder}: cannot write: E`));
    expect(readdirSync(dirname(folder)).filter((name) => name.startsWith(`.${basename(folder)}.`))).toEqual([]);
  });
});

describe('readText', () => {
  it('reports a missing file as `<file>: cannot read: ENOENT: ...` with exit code 2', async () => {
    const error = await readText('no/such/file.yaml').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CliError);
    expect((error as CliError).lines).toEqual(['no/such/file.yaml: cannot read: ENOENT: no such file or directory']);
    expect((error as CliError).exitCode).toBe(2);
  });
});
