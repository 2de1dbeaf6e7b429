/**
 * The copy of one case a resident asks for (PIPL art. 45): every data field with its title in both
 * languages and its mark, the history with each step's title and form fields, and the erasures.
 * Plain data, built by the store (`caseExport`), served as JSON or drawn as a printable page
 * (`toCasePrintout`).
 */

/** A text in Chinese and English. */
export interface BilingualText {
  zh: string;
  en: string;
}

/** One field with its template title, its personal-data mark, and its value. */
export interface ExportField {
  name: string;
  title: BilingualText;
  /** `personal`, `sensitive`, `minor`, or null for a field that is not personal data. */
  sensitivity: 'personal' | 'sensitive' | 'minor' | null;
  value: unknown;
}

/** One accepted event of the case. */
export interface ExportStep {
  seq: number;
  type: string;
  title: BilingualText;
  from: string | null;
  to: string;
  toTitle: BilingualText;
  /** Who sent it: a person id or key id; null for a timer. */
  actor: string | null;
  /** The roles it was sent with, and their titles. */
  roles: { role: string; title: BilingualText }[];
  at: string;
  payload: ExportField[];
}

/** One erasure of the case's personal data. */
export interface ExportErasure {
  at: string;
  reason: 'retention' | 'request';
  fields: string[];
  actor: string | null;
  note: string | null;
}

/** The whole copy. */
export interface CaseExport {
  format: 'relief-case-export/1';
  exportedAt: string;
  /** The admin (person id or key id) who exported it. */
  exportedBy: string;
  programme: {
    id: string;
    title: string;
    district: string;
    template: { id: string; version: number; title: BilingualText };
  };
  case: {
    id: string;
    ref: string | null;
    state: string;
    stateTitle: BilingualText;
    done: boolean;
    district: string;
    assignee: string | null;
    createdAt: string;
    updatedAt: string;
    version: number;
  };
  data: ExportField[];
  history: ExportStep[];
  erasures: ExportErasure[];
}
