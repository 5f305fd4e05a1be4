/** File input and output for the command: plain one-line read errors, atomic writes. */
import { mkdir, readFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { writeFileAtomic } from './atomic-write';
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

/** Writes a file atomically (writeFileAtomic), creating its folder first, or fails with `<file>: cannot write: <reason>` (exit 1). */
export async function writeAtomic(file: string, text: string): Promise<void> {
  try {
    await mkdir(dirname(file), { recursive: true });
    await writeFileAtomic(file, text);
  } catch (error) {
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
