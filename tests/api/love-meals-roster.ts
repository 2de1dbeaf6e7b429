/**
 * The love-meals roster of the console journey (issue 12): 240 made-up applicants (no real person)
 * of whom exactly 178 qualify under the normal rule (age ≥ 80 with mobility difficulty, or a
 * long-term-care level ≥ 5), as in Changzheng town in April 2022. The other 62 qualify only when
 * enrolment is opened. Deterministic, so every run and every format (CSV, XLSX) has the same rows.
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙'];
const GIVEN = ['秀英', '桂兰', '建国', '淑珍', '国强', '玉兰', '志明', '凤英', '德胜', '美华'];

/** One applicant: a `ref` and the `data` of a love-meals case. */
export interface Applicant {
  ref: string;
  name: string;
  age: number;
  careLevel: number;
  mobilityImpaired: boolean;
  address: string;
}

/** Applicants in the roster. */
export const APPLICANTS = 240;
/** Of whom qualify under the normal rule. */
export const QUALIFYING = 178;

/** Does an applicant qualify under the rule with these parameters? (The template's guard.) */
export function qualifies(
  a: Pick<Applicant, 'age' | 'careLevel' | 'mobilityImpaired'>,
  params = { minAge: 80, minCareLevel: 5, openEnrollment: false },
): boolean {
  return (
    params.openEnrollment ||
    (a.age >= params.minAge && a.mobilityImpaired) ||
    a.careLevel >= params.minCareLevel
  );
}

function applicant(i: number): Omit<Applicant, 'ref' | 'name' | 'address'> {
  if (i < QUALIFYING)
    return i % 2 === 0
      ? { age: 80 + (i % 20), careLevel: i % 5, mobilityImpaired: true }
      : { age: 60 + (i % 30), careLevel: 5 + (i % 2), mobilityImpaired: i % 3 === 0 };
  const j = i - QUALIFYING;
  return j % 2 === 0
    ? { age: 80 + (j % 15), careLevel: j % 5, mobilityImpaired: false }
    : { age: 60 + (j % 20), careLevel: j % 5, mobilityImpaired: true };
}

/** The 240 applicants, interleaved (qualifying and not mixed as on a real list). */
export function loveMealsRoster(): Applicant[] {
  return Array.from({ length: APPLICANTS }, (_, k) => {
    const i = (k * 7) % APPLICANTS;
    return {
      ref: `LM-${String(k + 1).padStart(3, '0')}`,
      name: `${SURNAMES[k % SURNAMES.length]}${GIVEN[(k * 3) % GIVEN.length]}`,
      ...applicant(i),
      address: `长征镇梅岭北路${(k % 40) + 1}号${(k % 6) + 1}0${(k % 4) + 1}室`,
    };
  });
}

/** The roster as UTF-8 CSV with a header row of data fields and `ref`. */
export function toApplicantCsv(rows: readonly Applicant[]): string {
  const header = 'ref,name,age,careLevel,mobilityImpaired,address';
  const lines = rows.map(
    (r) => `${r.ref},${r.name},${r.age},${r.careLevel},${r.mobilityImpaired},${r.address}`,
  );
  return [header, ...lines].join('\n') + '\n';
}
