/**
 * Operations of the API: a resident's request about their own data, served by an admin — a copy of
 * one case (JSON, or a printable page), and the erasure of its personal data.
 */
import type { OperationSpec } from '../operation-spec.js';

const ADMINS = ['admin'] as const;

/** A resident's request. */
export const RESIDENT_REQUEST_OPERATIONS = [
  {
    id: 'exportCase',
    method: 'get',
    path: '/api/v1/cases/{id}/export',
    tag: 'residents',
    summary: 'A copy of one case for the resident it is about, as a JSON file',
    description:
      'Every data field with its template title (zh, en) and personal-data mark, every step of the history with its form fields, and the erasures. Sent as an attachment (`Content-Disposition`). The export is recorded in the access log (`exportCase`).',
    access: ADMINS,
    success: { status: 200, schema: 'case-export' },
    problems: [403, 404],
  },
  {
    id: 'printCase',
    method: 'get',
    path: '/api/v1/cases/{id}/printout',
    tag: 'residents',
    summary:
      'The same copy as a printable page (HTML) in Chinese or English, to hand to the resident',
    description:
      'One self-contained page (no script, no external resource) that prints or saves as PDF from any browser. Sent as an attachment; recorded in the access log (`printCase`).',
    access: ADMINS,
    parameters: [
      {
        name: 'lang',
        in: 'query',
        description: 'Language of the page: `zh` (default) or `en`.',
        schema: { type: 'string', enum: ['zh', 'en'] },
      },
      {
        name: 'tz',
        in: 'query',
        description: 'IANA time zone the times are shown in (default `Asia/Shanghai`).',
        schema: { type: 'string', maxLength: 64 },
      },
    ],
    success: { status: 200, schema: null, contentType: 'text/html' },
    problems: [403, 404],
  },
  {
    id: 'eraseCase',
    method: 'post',
    path: '/api/v1/cases/{id}/erasure',
    tag: 'residents',
    summary: "Erase one ended case's personal data at the resident's request",
    description:
      "Removes every field the template marks as personal data from the case and from its history payloads; the case, its state and its history rows stay, so counts and figures do not change (fields a figure reads are kept and not listed in `fields`). Recorded in the case's erasures with who and why (`note`). 409 `case-still-open`: the case is still open; end it through the programme first. Idempotent: a case already erased at a request answers that erasure (`alreadyErased: true`) and records nothing new.",
    access: ADMINS,
    body: { schema: 'case-erasure-request', types: ['application/json'] },
    success: { status: 200, schema: 'case-erasure' },
    problems: [403, 404, 409, 413, 415, 422],
  },
] as const satisfies readonly OperationSpec[];
