/**
 * The love-meals roster of the console journey, as an XLSX workbook made with the same library the
 * console reads it with: 240 residents, 178 of whom qualify under the normal rule (age ≥ 80 with
 * mobility difficulty, or long-term-care level ≥ 5) and 62 more only when enrolment is opened.
 */
import * as XLSX from '@e965/xlsx';

const SURNAMES = '王李张刘陈杨黄赵周吴徐孙马朱胡郭何林罗高';
const GIVEN = [
  '阿婆',
  '老伯',
  '桂英',
  '秀兰',
  '建国',
  '玉珍',
  '根宝',
  '美华',
  '德明',
  '招娣',
  '金妹',
  '福生',
];

/** One resident of the roster. */
export interface Resident {
  ref: string;
  name: string;
  age: number;
  careLevel: number;
  mobilityImpaired: boolean;
  address: string;
  qualifies: boolean;
}

/** The 240 residents, in roster order. */
export function residents(): Resident[] {
  return Array.from({ length: 240 }, (_, i) => {
    let age: number;
    let careLevel: number;
    let mobilityImpaired: boolean;
    if (i < 120) [age, careLevel, mobilityImpaired] = [80 + (i % 16), i % 4, true];
    else if (i < 178) [age, careLevel, mobilityImpaired] = [65 + (i % 15), 5 + (i % 2), false];
    else if (i % 2 === 0) [age, careLevel, mobilityImpaired] = [70 + (i % 10), 2, true];
    else [age, careLevel, mobilityImpaired] = [82 + (i % 8), 3, false];
    const qualifies = (age >= 80 && mobilityImpaired) || careLevel >= 5;
    return {
      ref: `LM-${String(i + 1).padStart(3, '0')}`,
      name: `${SURNAMES[i % SURNAMES.length]}${GIVEN[Math.floor(i / SURNAMES.length) % GIVEN.length]}${i + 1}`,
      age,
      careLevel,
      mobilityImpaired,
      address: `梅岭北路 ${1 + (i % 40)} 号 ${100 + i} 室`,
      qualifies,
    };
  });
}

/** The workbook: Chinese headers as a street office would type them; one header needs mapping by hand. */
export function rosterXlsx(rows: Resident[]): Buffer {
  const sheet = XLSX.utils.aoa_to_sheet([
    ['编号', '姓名', '年龄', '长护险评估等级', '行动不便', '地址'],
    ...rows.map((r) => [
      r.ref,
      r.name,
      r.age,
      r.careLevel,
      r.mobilityImpaired ? '是' : '否',
      r.address,
    ]),
  ]);
  const book = XLSX.utils.book_new();
  XLSX.utils.book_append_sheet(book, sheet, '名单');
  XLSX.utils.book_append_sheet(book, XLSX.utils.aoa_to_sheet([['说明'], ['第二页不导入']]), '说明');
  return XLSX.write(book, { type: 'buffer', bookType: 'xlsx' }) as Buffer;
}
