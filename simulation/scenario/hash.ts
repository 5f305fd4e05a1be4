/** A short, stable fingerprint of a normalised scenario. */
import { sha256 } from '@noble/hashes/sha2.js';
import { bytesToHex, utf8ToBytes } from '@noble/hashes/utils.js';
import type { Scenario } from './types';

/** JSON with object keys in sorted order and no whitespace, so equal values give equal text. */
export function canonicalJson(value: unknown): string {
  const ancestors = new Set<object>();
  const write = (v: unknown): string | undefined => {
    if (v === null) return 'null';
    if (v instanceof Date) return JSON.stringify(v.toISOString());
    switch (typeof v) {
      case 'string':
      case 'boolean':
        return JSON.stringify(v);
      case 'number':
        return Number.isFinite(v) ? JSON.stringify(v) : 'null';
      case 'object': {
        if (ancestors.has(v)) throw new Error('canonicalJson: the value refers to itself');
        ancestors.add(v);
        let out: string;
        if (Array.isArray(v)) {
          out = `[${v.map((x) => write(x) ?? 'null').join(',')}]`;
        } else {
          const record = v as Record<string, unknown>;
          const parts: string[] = [];
          for (const key of Object.keys(record).sort()) {
            const written = write(record[key]);
            if (written !== undefined) parts.push(`${JSON.stringify(key)}:${written}`);
          }
          out = `{${parts.join(',')}}`;
        }
        ancestors.delete(v);
        return out;
      }
      default:
        return undefined;
    }
  };
  return write(value) ?? 'null';
}

/** The scenario's identity: the first 16 hex digits of the SHA-256 of its canonical JSON. */
export function scenarioHash(s: Scenario): string {
  return bytesToHex(sha256(utf8ToBytes(canonicalJson(s)))).slice(0, 16);
}
