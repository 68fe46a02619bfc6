import type { MarkdownIt } from 'markdown-it';

/**
 * pymdownx.magiclink: bare URLs (`https://...`, `ftp://...`), `www.` and
 * `ftp.` addresses and email addresses become links, as magiclink writes
 * them; never in code or inside a link. markdown-it's linkify finds them, but
 * would also link bare domain names (`example.com`), which magiclink does
 * not: those are left as text.
 */
export function magiclink(md: MarkdownIt) {
  md.set({ linkify: true });
  md.linkify.set({ fuzzyLink: true, fuzzyEmail: true, fuzzyIP: false });
  const match = md.linkify.match.bind(md.linkify);
  md.linkify.match = (text: string) =>
    (match(text) ?? []).filter(
      link => link.schema !== '' || /^(?:www|ftp)\./i.test(link.raw),
    );
}
