/**
 * Keys (field, event, role names) made from an English title, so a designer who does not write
 * code never has to invent one: "Test date" → `testDate`.
 */

/** A camelCase key from `title`, unique among `taken`; `fallback` when the title has no letters. */
export function keyFromTitle(
  title: string,
  taken: ReadonlySet<string> | readonly string[],
  fallback: string,
): string {
  const words = title
    .normalize('NFKD')
    .replace(/[^A-Za-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean);
  let base = words
    .map((w, i) =>
      i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1),
    )
    .join('');
  if (!/^[A-Za-z]/.test(base)) base = fallback;
  const has = (k: string) =>
    Array.isArray(taken) ? taken.includes(k) : (taken as ReadonlySet<string>).has(k);
  let key = base;
  for (let n = 2; has(key); n++) key = `${base}${n}`;
  return key;
}

/** A kebab-case template id from an English title: "Volunteer onboarding" → `volunteer-onboarding`. */
export function idFromTitle(title: string): string {
  return title
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .replace(/^[^a-z]+/, '');
}
