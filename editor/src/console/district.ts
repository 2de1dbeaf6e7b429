/** District paths (`sh/putuo/changzheng`) and scopes (pure). */

/** A well-formed path: lower-case segments of letters, digits and `-`, joined by `/`. */
export const isDistrictPath = (d: string): boolean => /^[a-z0-9-]+(\/[a-z0-9-]+)*$/.test(d);

/** Whether `scope` covers `district` (itself or below; '' covers all). */
export const covers = (scope: string, district: string): boolean =>
  scope === '' || district === scope || district.startsWith(`${scope}/`);
