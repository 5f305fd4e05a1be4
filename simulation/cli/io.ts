/** File input and output for the command: plain one-line read errors, atomic writes. */
import { mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { randomBytes } from 'node:crypto';
import { CliError, EXIT_BAD_INPUT, EXIT_RUN_FAILURE } from './errors';

/** A Node system error's code and reason without the trailing ", open 'path'". */
function systemReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/, \w+ '.*'$/, '').split('\n')[0] ?? message;
}

/** Reads a text file, or fails with `<file>: cannot read: <reason>` (exit 2). */
export async function readText(file: string): Promise<string> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    throw new CliError([`${file}: cannot read: ${systemReason(error)}`], EXIT_BAD_INPUT);
  }
}

/** Writes a file atomically: creates its folder, writes a temporary sibling, fsyncs, renames over the target. */
export async function writeAtomic(file: string, text: string): Promise<void> {
  const folder = dirname(file);
  const temporary = join(folder, `.${basename(file)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    const handle = await open(temporary, 'w');
    try {
      await handle.writeFile(text, 'utf8');
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw new CliError([`${file}: cannot write: ${systemReason(error)}`], EXIT_RUN_FAILURE);
  }
}

/** Writes a document as pretty JSON (2 spaces) to `out`, or to stdout when no file is given. */
export async function writeJson(out: string | undefined, document: unknown): Promise<void> {
  const text = `${JSON.stringify(document, null, 2)}\n`;
  if (out === undefined) {
    await new Promise<void>((resolve, reject) => {
      process.stdout.write(text, (error) => (error ? reject(error) : resolve()));
    });
    return;
  }
  await writeAtomic(out, text);
}
