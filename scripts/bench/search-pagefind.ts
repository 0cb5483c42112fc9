/**
 * Pagefind and identifiers. Pagefind's tokenizer splits `RB-004`, `api-gateway` and `5xx-errors`
 * at the hyphen and `CrashLoopBackOff` not at all, so `rb004`, `crash loop` or `apigateway` find
 * nothing, and `RB-004` matches every page with a 004 in it. The fix, on both sides with the
 * handbook's own tokenizer (src/search/tokenize.ts):
 * - each page carries, in an element Pagefind indexes but nobody sees, the joined form of every
 *   identifier in its ids, alerts, symptoms, title and headings (`rb004`, `apigateway`,
 *   `crashloopbackoff`) and their case parts (`crash loop back off`);
 * - a query is rewritten so that each identifier becomes its joined form, and a runbook id however
 *   written (`rb 7`, `runbook 007`, `RB-7`) becomes the page's (`rb007`).
 */
import { analyse } from '../../src/search/query.ts';
import { tokenize } from '../../src/search/tokenize.ts';
import type { SearchDocument } from '../../src/search/fields.ts';

const JOINED = /^[\p{L}\p{N}]+$/u;

/** The identifier forms of `text` Pagefind would not produce itself. */
export function identifierForms(text: string): string[] {
  const words = new Set(text.toLowerCase().split(/[^\p{L}\p{N}]+/u));
  return tokenize(text).filter((t) => JOINED.test(t) && !words.has(t));
}

/** The query as Pagefind should see it: identifiers joined (`RB-004` → `rb004`). */
export function forPagefind(query: string): string {
  const id = analyse(query).runbookId;
  if (id) query = query.replace(/(?:^|(?<=[^a-z0-9]))(?:rb|runbook)[\s#/_-]*0*\d{1,3}(?!\d)/i, id);
  return query
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => {
      const forms = identifierForms(word);
      return /[-_.:/]/.test(word.replace(/[:.,;]+$/, '')) && forms.length > 0 ? forms[0] : word;
    })
    .join(' ');
}

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** A minimal HTML page for Pagefind: the same fields the MiniSearch index holds, weighted alike. */
export function pageHtml(doc: SearchDocument, identifiers: boolean): string {
  const lines = (v?: string) => (v ? v.split('\n') : []);
  const sections = lines(doc.sections).map((l) => l.split('\t'));
  const extra = identifiers
    ? identifierForms([doc.runbook_id, doc.title, doc.alerts, doc.symptoms, doc.headings].filter(Boolean).join(' '))
    : [];
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${escape(doc.title)}</title></head><body>
<main data-pagefind-body data-pagefind-meta="id:${escape(doc.id)}">
<h1>${escape(doc.title)}</h1>
${doc.runbook_id ? `<p data-pagefind-weight="10">${escape(doc.runbook_id)}</p>` : ''}
${lines(doc.alerts).map((a) => `<p data-pagefind-weight="8">${escape(a)}</p>`).join('\n')}
${lines(doc.symptoms).map((s) => `<p data-pagefind-weight="5">${escape(s)}</p>`).join('\n')}
${doc.description ? `<p data-pagefind-weight="2">${escape(doc.description)}</p>` : ''}
${sections.map(([anchor, heading]) => `<h2 id="${escape(anchor ?? '')}">${escape(heading ?? '')}</h2>`).join('\n')}
<p>${escape(doc.body ?? '')}</p>
<pre><code>${escape(doc.code ?? '')}</code></pre>
${extra.length > 0 ? `<p class="identifiers" data-pagefind-weight="5">${escape(extra.join(' '))}</p>` : ''}
</main></body></html>
`;
}
