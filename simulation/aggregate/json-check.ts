/** Small shape checks for state read back from JSON; each throws an Error naming the path. */

/** The value as a plain object, or throws. */
export function expectObject(value: unknown, path: string): Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new Error(`${path}: expected an object`);
  return value as Record<string, unknown>;
}

/** The value as an array (of the given length when one is given), or throws. */
export function expectArray(value: unknown, path: string, length?: number): unknown[] {
  if (!Array.isArray(value)) throw new Error(`${path}: expected an array`);
  if (length !== undefined && value.length !== length) {
    throw new Error(`${path}: expected ${length} entries, got ${value.length}`);
  }
  return value;
}

/** The value as a non-negative safe integer, or throws. */
export function expectCount(value: unknown, path: string): number {
  if (!Number.isSafeInteger(value) || (value as number) < 0) throw new Error(`${path}: expected a non-negative integer`);
  return value as number;
}

/** The value as an array of `length` non-negative integers, copied into a Float64Array. */
export function expectCounts(value: unknown, path: string, length: number): Float64Array {
  const items = expectArray(value, path, length);
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = expectCount(items[i], `${path}[${i}]`);
  return out;
}
