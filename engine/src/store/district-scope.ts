/**
 * District scope: a district is a path such as `sh/putuo/changzheng`; a scope sees its own path
 * and everything below it (`sh/putuo` sees `sh/putuo/changzheng`, not `sh/putuo2`). An empty or
 * absent scope sees everything (the owner key and the system itself).
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import { InvalidDistrictError, ValidationFailedError } from '../errors/engine-error.js';

const DISTRICT = /^[\p{L}\p{N}_-]+(?:\/[\p{L}\p{N}_-]+)*$/u;

/** The district path, or InvalidDistrictError. */
export function checkDistrict(district: string): string {
  if (typeof district !== 'string' || !DISTRICT.test(district))
    throw new InvalidDistrictError(String(district));
  return district;
}

/** Does `scope` see `district`? */
export function inScope(district: string, scope: string | undefined): boolean {
  return !scope || district === scope || district.startsWith(`${scope}/`);
}

/** The same test as SQL over a district column. */
export function scopeCondition(column: SQL, scope: string | undefined): SQL {
  if (!scope) return sql`true`;
  return sql`(${column} = ${scope} or starts_with(${column}, ${`${scope}/`}))`;
}

/**
 * Where a new case lives: the programme's district, or a district below it that the case names
 * (a street, committee or grid under a district's programme), so figures break down by level.
 */
export function caseDistrict(
  programmeDistrict: string,
  requested: string | null | undefined,
): string {
  if (requested === undefined || requested === null) return programmeDistrict;
  if (
    typeof requested !== 'string' ||
    !DISTRICT.test(requested) ||
    !inScope(requested, programmeDistrict)
  )
    throw new ValidationFailedError('case', [
      {
        path: '/district',
        message: `'${String(requested)}' is not the programme's district '${programmeDistrict}' or a district path below it (e.g. '${programmeDistrict}/street')`,
      },
    ]);
  return requested;
}
