/** A table of access-log rows: when, who, through which screen or endpoint, and which case. */
import { Link } from 'react-router';
import type { CaseReadList } from '@relief/engine/contract';
import type { MessageKey } from '../../i18n/messages.js';
import { formatTime, shortId } from '../format.js';
import { useLang, useText } from '../../shell/lang-store.js';
import type { ReadNames } from './reader-names.js';
import { readerName } from './reader-names.js';

type Read = CaseReadList['items'][number];

const VIAS = new Set([
  'getCase',
  'listCases',
  'getWorklist',
  'getCaseHistory',
  'sendEvent',
  'reassignCase',
  'exportCase',
  'printCase',
]);

/** The rows; `showCase` adds the case and programme columns, `onReader` makes names filters. */
export function CaseReadsTable(props: {
  reads: readonly Read[];
  names: ReadNames | undefined;
  showCase?: boolean;
  onReader?: (reader: string) => void;
  testId: string;
}) {
  const t = useText();
  const lang = useLang();
  if (props.reads.length === 0) return <p className="empty">{t('noReads')}</p>;
  return (
    <div className="table-wrap">
      <table className="grid stack-on-phone" data-testid={props.testId}>
        <thead>
          <tr>
            <th>{t('readAt')}</th>
            <th>{t('reader')}</th>
            <th>{t('readVia')}</th>
            {props.showCase && <th>{t('readCase')}</th>}
            {props.showCase && <th>{t('programme')}</th>}
          </tr>
        </thead>
        <tbody>
          {props.reads.map((r) => {
            const name = readerName(r, props.names, t);
            return (
              <tr key={r.id}>
                <td data-label={t('readAt')}>{formatTime(r.at, lang)}</td>
                <td data-label={t('reader')}>
                  {props.onReader ? (
                    <button
                      className="linkish"
                      onClick={() => props.onReader!(r.reader)}
                      title={r.reader}
                    >
                      {name}
                    </button>
                  ) : (
                    <span title={r.reader}>{name}</span>
                  )}
                </td>
                <td data-label={t('readVia')}>
                  {VIAS.has(r.via) ? t(`via.${r.via}` as MessageKey) : r.via}
                </td>
                {props.showCase && (
                  <td data-label={t('readCase')}>
                    <Link to={`/programmes/${r.programmeId}/cases/${r.caseId}`}>
                      {shortId(r.caseId)}
                    </Link>
                  </td>
                )}
                {props.showCase && (
                  <td data-label={t('programme')}>
                    {props.names?.programmes.get(r.programmeId) ?? shortId(r.programmeId)}
                  </td>
                )}
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
