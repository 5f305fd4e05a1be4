/** The command line, parsed into one typed command; every mistake is a one-line usage error (exit 2). */
import { parseArgs } from 'node:util';
import { usageError } from './errors';

/** The most trials one run may ask for (DESIGN section 8). */
export const MAX_TRIALS = 10_000_000;
/** The largest seed a scenario may name. */
export const MAX_SEED = 2 ** 32 - 1;
/** The most worker threads one run may ask for. */
export const MAX_WORKERS = 256;

export interface Shard {
  k: number;
  n: number;
}

export interface RunOptions {
  file: string;
  trials?: number;
  seed?: number;
  workers?: number;
  shard?: Shard;
  out?: string;
  quiet: boolean;
}

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | { name: 'validate'; files: string[] }
  | ({ name: 'run' } & RunOptions)
  | { name: 'merge'; files: string[]; out?: string; quiet: boolean };

export const COMMANDS = ['validate', 'run', 'merge'] as const;

type OptionSpec = Record<string, { type: 'string' | 'boolean'; short?: string }>;

const HELP: OptionSpec = { help: { type: 'boolean', short: 'h' } };

const OPTIONS: Record<(typeof COMMANDS)[number], OptionSpec> = {
  validate: { ...HELP },
  run: {
    trials: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    shard: { type: 'string' },
    out: { type: 'string', short: 'o' },
    quiet: { type: 'boolean', short: 'q' },
    ...HELP,
  },
  merge: { out: { type: 'string', short: 'o' }, quiet: { type: 'boolean', short: 'q' }, ...HELP },
};

/** The options a command accepts, as `--name` for messages. */
export function knownOptions(command: (typeof COMMANDS)[number]): string[] {
  return Object.keys(OPTIONS[command]).map((name) => `--${name}`);
}

/** Parses a whole number in [min, max] given to `--name`, or fails with a usage error. */
export function parseWholeNumber(name: string, text: string, min: number, max: number): number {
  const cleaned = text.trim().replace(/_/g, '');
  const value = /^\d+$/.test(cleaned) ? Number(cleaned) : Number.NaN;
  if (!Number.isSafeInteger(value) || value < min || value > max) {
    throw usageError(`--${name} must be a whole number from ${min.toLocaleString('en-US')} to ${max.toLocaleString('en-US')}, got '${text}'`);
  }
  return value;
}

/** Parses `K/N` for `--shard`: the K-th (1-based) of N shards. */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const k = match ? Number(match[1]) : Number.NaN;
  const n = match ? Number(match[2]) : Number.NaN;
  if (!Number.isSafeInteger(k) || !Number.isSafeInteger(n) || n < 1 || k < 1 || k > n || n > MAX_TRIALS) {
    throw usageError(`--shard must be K/N with 1 <= K <= N (e.g. --shard 2/8), got '${text}'`);
  }
  return { k, n };
}

/** Parses one command's arguments strictly: unknown options, missing values and stray values are usage errors. */
function parseCommandArgs(command: (typeof COMMANDS)[number], args: string[]) {
  const spec = OPTIONS[command];
  const { values, positionals, tokens } = parseArgs({ args, options: spec, strict: false, allowPositionals: true, tokens: true });
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const option = spec[token.name];
    if (option === undefined) {
      throw usageError(`unknown option '${token.rawName}' for ${command} (known: ${knownOptions(command).join(', ')})`);
    }
    if (option.type === 'string' && token.value === undefined) {
      throw usageError(`option '--${token.name}' needs a value`);
    }
    if (option.type === 'boolean' && token.inlineValue) {
      throw usageError(`option '--${token.name}' takes no value`);
    }
  }
  const text = (name: string): string | undefined => {
    const value = values[name];
    return typeof value === 'string' ? value : undefined;
  };
  return { positionals, text, flag: (name: string): boolean => values[name] === true };
}

/** Turns `process.argv.slice(2)` into a command. */
export function parseCommand(argv: string[]): Command {
  const [first, ...rest] = argv;
  if (first === undefined) throw usageError('no command given (try budgetcast --help)');
  if (first === '--help' || first === '-h' || first === 'help') return { name: 'help' };
  if (first === '--version' || first === '-v') return { name: 'version' };
  if (first.startsWith('-')) throw usageError(`unknown option '${first}' (known: --help, --version)`);
  const command = COMMANDS.find((name) => name === first);
  if (command === undefined) throw usageError(`unknown command '${first}' (commands: ${COMMANDS.join(', ')})`);

  const { positionals, text, flag } = parseCommandArgs(command, rest);
  if (flag('help')) return { name: 'help' };

  if (command === 'validate') {
    if (positionals.length === 0) throw usageError('validate needs at least one scenario file');
    return { name: 'validate', files: positionals };
  }
  if (command === 'merge') {
    if (positionals.length === 0) throw usageError('merge needs at least one part file');
    return { name: 'merge', files: positionals, out: text('out'), quiet: flag('quiet') };
  }
  if (positionals.length !== 1) {
    throw usageError(positionals.length === 0 ? 'run needs a scenario file' : `run takes one scenario file, got ${positionals.length}`);
  }
  const number = (name: string, min: number, max: number): number | undefined => {
    const value = text(name);
    return value === undefined ? undefined : parseWholeNumber(name, value, min, max);
  };
  const shard = text('shard');
  return {
    name: 'run',
    file: positionals[0] as string,
    trials: number('trials', 1, MAX_TRIALS),
    seed: number('seed', 0, MAX_SEED),
    workers: number('workers', 1, MAX_WORKERS),
    shard: shard === undefined ? undefined : parseShard(shard),
    out: text('out'),
    quiet: flag('quiet'),
  };
}
