/**
 * The case page's privacy panels: the resident's data request (admins) and who read this case
 * (admins and auditors). A person sees the panels their roles allow; a key sees both and the
 * server answers for it.
 */
import { Link } from 'react-router';
import type { Template } from '@relief/engine';
import { LoadError } from '../LoadError.js';
import { useLoad } from '../use-load.js';
import { useText } from '../../shell/lang-store.js';
import { api, useSession } from '../../shell/session-store.js';
import { CaseReadsTable } from './CaseReadsTable.js';
import { loadReadNames } from './reader-names.js';
import { ResidentRequest } from './ResidentRequest.js';

/** Both panels, as the viewer's roles allow. */
export function CasePrivacyPanels(props: {
  caseId: string;
  name: string;
  done: boolean;
  version: number;
  template: Template;
  data: Record<string, unknown>;
  onErased: (text: string) => void;
}) {
  const session = useSession();
  const roles = session.kind === 'person' ? session.person.roles : ['admin', 'auditor'];
  return (
    <>
      {roles.includes('admin') && <ResidentRequest {...props} />}
      {(roles.includes('admin') || roles.includes('auditor')) && (
        <CaseReads caseId={props.caseId} version={props.version} />
      )}
    </>
  );
}

function CaseReads(props: { caseId: string; version: number }) {
  const t = useText();
  const reads = useLoad(async (signal) => {
    const [page, names] = await Promise.all([
      api.call('listCaseReads', { path: { id: props.caseId }, query: { limit: 10 }, signal }),
      loadReadNames(signal),
    ]);
    return { items: page.items, names };
  }, `${props.caseId}/${props.version}`);
  return (
    <section className="panel wide" data-testid="case-reads">
      <h2>{t('caseReads')}</h2>
      {reads.error !== undefined && <LoadError error={reads.error} retry={reads.reload} />}
      {reads.data && (
        <CaseReadsTable
          reads={reads.data.items}
          names={reads.data.names}
          testId="case-reads-table"
        />
      )}
      <Link to={`/admin/access-log?case=${props.caseId}`} data-testid="case-reads-all">
        {t('allReadsOfCase')}
      </Link>
    </section>
  );
}
