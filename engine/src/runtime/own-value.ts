/**
 * Look a caller-supplied name up in a record by own property only. Event types, field names and
 * the like arrive from clients: `record[name]` would answer `constructor`, `__proto__` or
 * `toString` from `Object.prototype` (a function, not a declaration), so every such lookup goes
 * through here.
 */
export function ownValue<T>(
  record: Readonly<Record<string, T>> | undefined,
  name: string,
): T | undefined {
  return record !== undefined && Object.hasOwn(record, name) ? record[name] : undefined;
}
