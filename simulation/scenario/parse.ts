/** Reading a scenario from YAML or JSON text, or from a value, into a `Scenario` or every problem found. */
import { parseDocument } from 'yaml';
import type { ParseResult, ScenarioIssue } from './types';
import { DOCUMENT_PATH, distinctIssues, formatPath, issueMessage } from './messages';
import { ScenarioSchema } from './schema';

export { DOCUMENT_PATH, formatPath };

/** Largest scenario text accepted, in characters. */
export const MAX_TEXT_LENGTH = 10_000_000;

type Read = { ok: true; value: unknown } | { ok: false; issues: ScenarioIssue[] };

const documentIssue = (message: string): { ok: false; issues: ScenarioIssue[] } => ({ ok: false, issues: [{ path: DOCUMENT_PATH, message }] });

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  return text.split('\n')[0];
}

/** One line for a person: `<file>: <path>: <message>`. */
export function formatIssue(fileName: string, issue: ScenarioIssue): string {
  return `${fileName}: ${issue.path === '' ? DOCUMENT_PATH : issue.path}: ${issue.message}`;
}

function lineCol(text: string, position: number): string {
  const before = text.slice(0, Math.max(0, Math.min(position, text.length)));
  const line = before.split('\n').length;
  const col = position - before.lastIndexOf('\n');
  return `${line}:${col}`;
}

function looksLikeJson(text: string, fileName: string): boolean {
  const lower = fileName.toLowerCase();
  if (lower.endsWith('.json')) return true;
  if (lower.endsWith('.yaml') || lower.endsWith('.yml')) return false;
  return /^\s*[{[]/.test(text);
}

function readJson(text: string): Read {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (error) {
    const full = error instanceof Error ? error.message : String(error);
    const raw = errorText(error);
    const position = /at position (\d+)/.exec(raw);
    let where = position ? lineCol(text, Number(position[1])) : undefined;
    if (where === undefined) {
      const located = parseDocument(text, { schema: 'json' }).errors[0]?.linePos?.[0];
      if (located) where = `${located.line}:${located.col}`;
    }
    const reason = full.replace(/\s*in JSON at position \d+[\s\S]*$/, '').replace(/, "[\s\S]*" is not valid JSON$/, '').split('\n')[0];
    return documentIssue(`JSON syntax error${where ? ` at ${where}` : ''}: ${reason}`);
  }
}

function readYaml(text: string): Read {
  const doc = parseDocument(text, { merge: true, prettyErrors: true, uniqueKeys: true });
  const problems = [...doc.errors, ...doc.warnings];
  if (problems.length > 0) {
    return {
      ok: false,
      issues: problems.map((problem) => {
        const pos = problem.linePos?.[0];
        const reason = errorText(problem).replace(/ at line \d+, column \d+:?$/, '');
        return { path: DOCUMENT_PATH, message: `YAML syntax error${pos ? ` at ${pos.line}:${pos.col}` : ''}: ${reason}` };
      }),
    };
  }
  return { ok: true, value: doc.toJS({ maxAliasCount: 100 }) };
}

/** Reads YAML or JSON text (JSON when the file ends in .json or the text starts with `{`), then validates it. Never throws. */
export function parseScenarioText(text: string, fileName: string): ParseResult {
  try {
    if (typeof text !== 'string') return documentIssue(`must be text, got ${typeof text}`);
    if (text.length > MAX_TEXT_LENGTH) return documentIssue(`is too large (${text.length} characters; at most ${MAX_TEXT_LENGTH})`);
    const body = text.startsWith('\uFEFF') ? text.slice(1) : text;
    if (body.trim() === '') return documentIssue('is empty');
    const read = looksLikeJson(body, String(fileName)) ? readJson(body) : readYaml(body);
    return read.ok ? parseScenarioObject(read.value) : read;
  } catch (error) {
    return documentIssue(`could not be read: ${errorText(error)}`);
  }
}

/** Validates and normalises an already-parsed document (YAML or JSON value, IPC payload). Never throws. */
export function parseScenarioObject(obj: unknown): ParseResult {
  try {
    const result = ScenarioSchema.safeParse(obj, { error: issueMessage });
    if (result.success) return { ok: true, scenario: result.data };
    return { ok: false, issues: distinctIssues(result.error.issues) };
  } catch (error) {
    return documentIssue(`could not be validated: ${errorText(error)}`);
  }
}
