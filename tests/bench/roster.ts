/**
 * A synthetic love-meals roster: made-up names, ages and addresses (no real person), as rows and
 * as the CSV a district office would upload (UTF-8, header row = data fields).
 */

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '黄', '赵', '周', '吴', '徐', '孙'];
const GIVEN = ['秀英', '桂兰', '建国', '淑珍', '国强', '玉兰', '志明', '凤英', '德胜', '美华'];

/** One roster row: the `data` of a love-meals case. */
export interface RosterRow {
  name: string;
  age: number;
  careLevel: number;
  mobilityImpaired: boolean;
  address: string;
}

/** `count` deterministic rows. */
export function rosterRows(count: number): RosterRow[] {
  return Array.from({ length: count }, (_, i) => ({
    name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[(i * 7) % GIVEN.length]}${i}`,
    age: 60 + (i % 40),
    careLevel: i % 7,
    mobilityImpaired: i % 3 === 0,
    address: `长征镇${(i % 50) + 1}号楼${(i % 600) + 101}室`,
  }));
}

/** The rows as CSV with a header row. */
export function toRosterCsv(rows: readonly RosterRow[]): string {
  const header = 'name,age,careLevel,mobilityImpaired,address';
  return (
    [
      header,
      ...rows.map((r) => `${r.name},${r.age},${r.careLevel},${r.mobilityImpaired},${r.address}`),
    ].join('\n') + '\n'
  );
}
