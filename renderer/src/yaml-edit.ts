/** Edits one field of a scenario's YAML text, keeping its comments and layout everywhere else. */
import { parseDocument } from 'yaml';

/** Reads a form input as the YAML value it stands for: a number when it is one, else the text (which the schema then reports). */
export function inputValue(raw: string): number | string {
  const t = raw.trim();
  return t !== '' && Number.isFinite(Number(t)) ? Number(t) : t;
}

/** The text with the value at `path` replaced (null when the text does not parse as YAML). */
export function setField(text: string, path: (string | number)[], value: unknown): string | null {
  const doc = parseDocument(text);
  if (doc.errors.length > 0) return null;
  doc.setIn(path, value);
  return doc.toString({ lineWidth: 0 });
}
