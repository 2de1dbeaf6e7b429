/** The API key is pasted once and kept in this browser's local storage. */
const STORAGE_KEY = 'relief.apiKey';

/** The stored key, if any. */
export function loadApiKey(): string | undefined {
  try {
    return globalThis.localStorage?.getItem(STORAGE_KEY) ?? undefined;
  } catch {
    return undefined;
  }
}

/** Keep (or with '' forget) the key. */
export function storeApiKey(key: string): void {
  if (key.trim() === '') globalThis.localStorage?.removeItem(STORAGE_KEY);
  else globalThis.localStorage?.setItem(STORAGE_KEY, key.trim());
}
