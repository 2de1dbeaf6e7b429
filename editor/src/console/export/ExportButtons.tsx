/** "导出 Excel" and "导出 CSV" for any table of the console. */
import { useText } from '../../shell/lang-store.js';
import { download, toCsv, toXlsx } from './table-export.js';
import type { Cell } from './table-export.js';

/** Two buttons; the file is named `<name>-<date>`. */
export function ExportButtons(props: { name: string; header: string[]; rows: Cell[][] }) {
  const t = useText();
  const file = `${props.name}-${new Date().toISOString().slice(0, 10)}`;
  return (
    <span className="export">
      <button
        data-testid={`export-xlsx-${props.name}`}
        disabled={props.rows.length === 0}
        onClick={() =>
          void toXlsx(props.name, props.header, props.rows).then((data) =>
            download(
              `${file}.xlsx`,
              data,
              'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
            ),
          )
        }
      >
        {t('exportXlsx')}
      </button>
      <button
        data-testid={`export-csv-${props.name}`}
        disabled={props.rows.length === 0}
        onClick={() =>
          download(`${file}.csv`, toCsv(props.header, props.rows), 'text/csv;charset=utf-8')
        }
      >
        {t('exportCsv')}
      </button>
    </span>
  );
}
