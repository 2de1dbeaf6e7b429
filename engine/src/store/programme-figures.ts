/**
 * A programme's declared figures, computed in SQL from its case, history and ledger-entry rows
 * when they are asked for: nothing is counted on the side, so a figure cannot drift from the
 * records. One aggregate query per figure; sums are `numeric`, exact to the fen.
 */
import { sql } from 'drizzle-orm';
import type { SQL } from 'drizzle-orm';
import type { FigureDef, Label, Template } from '../template/template.js';
import { casesWhere } from './figure-where-sql.js';
import type { SqlClient } from './sql/sql-client.js';
import { toNumber } from './sql/to-number.js';

/** One figure as `GET /programmes/{id}/stats` reports it. */
export interface FigureValue {
  name: string;
  title: Label;
  unit: Label;
  /** The total over the whole programme (in the caller's view). */
  value: number;
  /** What `groups` break the total down by, when the template asks for a breakdown. */
  by?: 'day' | 'district' | 'field';
  /** Breakdown groups, by key; `null` gathers cases without the field. */
  groups?: { key: string | null; value: number }[];
}

/** What the figures are computed for. */
export interface FigureTarget {
  programmeId: string;
  district: string;
  params: Record<string, unknown>;
  timeZone: string;
  now: Date;
}

/** Every declared figure of `template` for one programme, in declaration order. */
export async function programmeFigures(
  client: SqlClient,
  template: Template,
  target: FigureTarget,
): Promise<FigureValue[]> {
  const figures = Object.entries(template.figures ?? {});
  return Promise.all(
    figures.map(async ([name, figure]) => {
      const where =
        figure.where === undefined
          ? sql`true`
          : await casesWhere(client, target.programmeId, figure.where, target.params, target.now);
      const rows = await client.query<FigureRow>(figureQuery(figure, target, where));
      return toValue(name, figure, rows);
    }),
  );
}

interface FigureRow {
  key: string | null;
  value: unknown;
  total: boolean;
}

function toValue(name: string, figure: FigureDef, rows: FigureRow[]): FigureValue {
  // The total is computed by the database too (the grouping set `()`), not added up here.
  const total = rows.find((row) => row.total);
  const out: FigureValue = {
    name,
    title: figure.title,
    unit: figure.unit,
    value: toNumber(total?.value ?? 0),
  };
  if (figure.by === undefined) return out;
  out.by = typeof figure.by === 'string' ? figure.by : 'field' in figure.by ? 'field' : 'district';
  out.groups = rows
    .filter((row) => !row.total)
    .map((row) => ({ key: row.key, value: toNumber(row.value ?? 0) }));
  return out;
}

/**
 * The aggregate over the figure's rows, grouped by its breakdown, with the total as one more row
 * (the grouping set `()`). The key is computed once in a subquery: written twice with parameters,
 * PostgreSQL would not know the two are the same expression.
 */
function figureQuery(figure: FigureDef, target: FigureTarget, where: SQL): SQL {
  const source = sourceOf(figure, target, where);
  const key = figure.by === undefined ? sql`null::text` : keyOf(figure, target, source.at);
  return sql`
    select s.key, ${source.measure} as value, grouping(s.key) = 1 as total
    from (select ${key} as key, ${source.value} as v from ${source.from} where ${source.filter}) s
    group by grouping sets ((s.key), ())
    order by total, s.key nulls last`;
}

interface Source {
  from: SQL;
  filter: SQL;
  /** Each row's contribution `v`, and the aggregate over `s.v`. */
  value: SQL;
  measure: SQL;
  /** The time a row counts on, for `by: day`. */
  at: SQL;
}

const SUM = sql`coalesce(sum(s.v), 0)`;

function sourceOf(figure: FigureDef, target: FigureTarget, where: SQL): Source {
  const programme = sql`c.programme_id = ${target.programmeId}`;
  if (figure.ledger) {
    const measure = {
      in: sql`coalesce(sum(s.v) filter (where s.v > 0), 0)`,
      out: sql`coalesce(-sum(s.v) filter (where s.v < 0), 0)`,
      net: SUM,
    }[figure.ledger.movement];
    // Movements are the entries written by cases; the opening balance has no case.
    return {
      from: sql`ledger_entries e join cases c on c.id = e.case_id`,
      filter: sql`e.programme_id = ${target.programmeId} and e.ledger = ${figure.ledger.name} and ${programme}`,
      value: sql`e.amount`,
      measure,
      at: sql`e.at`,
    };
  }
  const event = typeof figure.count === 'object' ? figure.count.event : figure.sum?.event;
  if (event !== undefined) {
    const field = figure.sum?.field;
    return {
      from: sql`cases c cross join lateral ${historyOfCase(sql`h.payload, h.at`, sql`h.event_type = ${event}`)} h`,
      filter: sql`${programme} and ${where}`,
      value: field ? numberAt(sql`h.payload`, field) : sql`1`,
      measure: field ? SUM : sql`count(*)`,
      at: sql`h.at`,
    };
  }
  const field = figure.sum?.data;
  return {
    from: sql`cases c`,
    filter: sql`${programme} and ${where}`,
    value: field ? numberAt(sql`c.data`, field) : sql`1`,
    measure: field ? SUM : sql`count(*)`,
    at: sql`c.created_at`,
  };
}

/**
 * `(select <columns> from case_history h where h.case_id = c.id [and <condition>] offset 0)`, to
 * join laterally to the cases `c` of a programme: their history read case by case through the
 * `case_id` indexes, whatever the row estimates. Written as a plain join, PostgreSQL picks between
 * that and a hash join over a scan of the whole history from two estimates that can both be far
 * off: the programme's cases (a sampled frequency, up to 1.6× the true 1,111 at 1,000,000 cases)
 * and the history rows per case (213 estimated, 20 true, because a case's rows lie together on
 * disk). Their product tipped the `sum` figure of some programmes to the scan: 311,149 pages and
 * 19–65 s against 7,168 buffers and 0.5 s, on a loaded machine (docs/scaling.md). `offset 0` keeps
 * the subquery from being flattened into that join. The price: a programme holding most of an
 * install's history reads it through the index, not in one scan.
 */
export function historyOfCase(columns: SQL, condition?: SQL): SQL {
  const where = condition ? sql` and ${condition}` : sql``;
  return sql`(select ${columns} from case_history h where h.case_id = c.id${where} offset 0)`;
}

/** A JSON number field as exact `numeric` (JSON text → numeric, no binary floating point). */
function numberAt(json: SQL, field: string): SQL {
  return sql`case when jsonb_typeof(${json} -> ${field}) = 'number' then (${json} ->> ${field})::numeric end`;
}

function keyOf(figure: FigureDef, target: FigureTarget, at: SQL): SQL {
  const by = figure.by!;
  if (by === 'day') return sql`to_char(${at} at time zone ${target.timeZone}, 'YYYY-MM-DD')`;
  if (typeof by === 'object' && 'field' in by) return sql`(c.data ->> ${by.field})`;
  const levels = by === 'district' ? 1 : by.district;
  const depth = target.district.split('/').length + levels;
  return sql`array_to_string((string_to_array(c.district, '/'))[1:${sql.raw(String(depth))}], '/')`;
}
