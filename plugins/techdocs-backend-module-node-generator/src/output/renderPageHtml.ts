import { NavItem } from '../mkdocs/nav';
import { TocEntry } from '../markdown/createMarkdownRenderer';
import { DOCS_STYLESHEET_PATH } from './stylesheet';
import { encodePath, encodeUrl, isScriptUrl } from '../mkdocs/urls';
import { escapeAttr } from './escape';

/**
 * Nav titles and URLs escaped once per build: every page renders the whole
 * nav, so a site of n pages escapes each n times otherwise.
 */
const escapedNav = new WeakMap<NavItem, { title: string; url?: string }>();
function escapedItem(item: NavItem) {
  let escaped = escapedNav.get(item);
  if (!escaped) {
    escaped = {
      title: escapeAttr(item.title),
      url: item.kind === 'page' ? escapeAttr(item.url) : undefined,
    };
    escapedNav.set(item, escaped);
  }
  return escaped;
}

/** Everything one page's HTML needs. */
export type PageContext = {
  siteName: string;
  url: string;
  title: string;
  contentHtml: string;
  hasH1: boolean;
  toc: TocEntry[];
  nav: NavItem[];
  /** An absolute http(s) URL, checked by the caller. */
  editUrl?: string;
  /** The page's `description` from its front matter, or the site's. */
  description?: string;
  /** What the front matter's `hide` hides: `navigation`, `toc`, `tags`. */
  hide?: ReadonlySet<string>;
  /** The page's tags when the tags plugin is on, linked to the tags index when there is one. */
  tags?: Array<{ name: string; link?: { url: string; anchor: string } }>;
  /** Stylesheets linked after the site's: site paths, or https URLs. */
  extraCss?: string[];
  /** `site_url` with the page's URL, when site_url is an http(s) URL. */
  canonicalUrl?: string;
  /** The SVG of each page's front matter `icon`, shown before its nav title as Material does. */
  navIcons?: ReadonlyMap<string, string>;
  /** The pages before and after this one in the nav, linked from the footer. */
  previous?: { title: string; url: string };
  next?: { title: string; url: string };
};

// Material Design Icons' arrow-left and arrow-right, which Material's footer links show.
const ARROW_LEFT =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M20 11v2H8l5.5 5.5-1.42 1.42L4.16 12l7.92-7.92L13.5 5.5 8 11h12Z"/></svg>';
const ARROW_RIGHT =
  '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24"><path d="M4 11v2h12l-5.5 5.5 1.42 1.42L19.84 12l-7.92-7.92L10.5 5.5 16 11H4Z"/></svg>';

/**
 * A page in the HTML shape MkDocs' Material theme writes, which the TechDocs
 * reader's transformers and styles rely on (.md-container, the primary and
 * secondary .md-sidebar, .md-content, .md-typeset, .md-footer...).
 */
export function renderPageHtml(page: PageContext): string {
  // Every link from a page at depth d starts with d '../': computed once, so
  // that a site of hundreds of pages renders its nav quickly on each of them.
  const depth = page.url.split('/').length - 1;
  const prefix = '../'.repeat(depth);
  // Page URLs come from file names: pageUrl() percent-encodes each segment,
  // and every attribute value is escaped, so no name can end the attribute.
  const rel = (to: string) => prefix + to || './';
  const hide = page.hide ?? new Set<string>();
  const hidden = (part: string) => (hide.has(part) ? ' hidden' : '');
  let counter = 0;

  const navList = (items: NavItem[], level: number): string =>
    `<ul class="md-nav__list" data-md-scrollfix>${items
      .map(item => {
        if (item.kind === 'link') {
          if (isScriptUrl(item.url)) return '';
          const href = item.local
            ? prefix + encodeUrl(item.url) || './'
            : encodeUrl(item.url);
          return `<li class="md-nav__item"><a href="${escapeAttr(
            href,
          )}" class="md-nav__link">${escapeAttr(item.title)}</a></li>`;
        }
        const escaped = escapedItem(item);
        if (item.kind === 'page') {
          const active = item.url === page.url;
          return `<li class="md-nav__item${
            active ? ' md-nav__item--active' : ''
          }"><a href="${prefix + escaped.url || './'}" class="md-nav__link${
            active ? ' md-nav__link--active' : ''
          }">${page.navIcons?.get(item.srcPath) ?? ''}${
            escaped.title
          }</a></li>`;
        }
        const id = `__nav_${++counter}`;
        const open = sectionPages(item).has(page.url);
        return `<li class="md-nav__item${
          open ? ' md-nav__item--active' : ''
        } md-nav__item--nested"><input class="md-nav__toggle md-toggle" data-md-toggle="${id}" type="checkbox" id="${id}"${
          open ? ' checked' : ''
        }><label class="md-nav__link" for="${id}">${
          escaped.title
        }<span class="md-nav__icon md-icon"></span></label><nav class="md-nav" aria-label="${
          escaped.title
        }" data-md-level="${
          level + 1
        }"><label class="md-nav__title" for="${id}"><span class="md-nav__icon md-icon"></span>${
          escaped.title
        }</label>${navList(item.children, level + 1)}</nav></li>`;
      })
      .join('')}</ul>`;

  // Material's previous and next links; `hide: [footer]` hides them, as in Material 9.
  const footerLink = (
    to: { title: string; url: string },
    direction: 'Previous' | 'Next',
  ) => {
    const title = `<div class="md-footer__title"><div class="md-ellipsis"><span class="md-footer__direction">${direction}</span>${escapeAttr(
      to.title,
    )}</div></div>`;
    const prev = direction === 'Previous';
    const button = `<div class="md-footer__button md-icon">${
      prev ? ARROW_LEFT : ARROW_RIGHT
    }</div>`;
    return `<a href="${escapeAttr(
      rel(to.url),
    )}" class="md-footer__link md-footer__link--${
      prev ? 'prev' : 'next'
    }" aria-label="${direction}: ${escapeAttr(to.title)}" rel="${
      prev ? 'prev' : 'next'
    }">${prev ? button + title : title + button}</a>`;
  };
  const footerNav = () =>
    page.previous || page.next
      ? `<nav class="md-footer__inner md-grid" aria-label="Footer"${hidden(
          'footer',
        )}>${page.previous ? footerLink(page.previous, 'Previous') : ''}${
          page.next ? footerLink(page.next, 'Next') : ''
        }</nav>`
      : '';

  const toc = page.toc.length
    ? `<nav class="md-nav md-nav--secondary" aria-label="Table of contents"><label class="md-nav__title" for="__toc"><span class="md-nav__icon md-icon"></span>Table of contents</label><ul class="md-nav__list" data-md-component="toc" data-md-scrollfix>${page.toc
        .map(
          e =>
            `<li class="md-nav__item"><a href="#${escapeAttr(
              e.id,
            )}" class="md-nav__link"${
              e.level === 3 ? ' style="padding-left: 0.6rem"' : ''
            }>${escapeAttr(e.title)}</a></li>`,
        )
        .join('')}</ul></nav>`
    : '';

  return `<!doctype html>
<html lang="en" class="no-js">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="generator" content="greenroom-techdocs-node-generator">
${
  page.description
    ? `<meta name="description" content="${escapeAttr(page.description)}">\n`
    : ''
}<title>${escapeAttr(page.title)} - ${escapeAttr(page.siteName)}</title>
${
  page.canonicalUrl
    ? `<link rel="canonical" href="${escapeAttr(
        encodeUrl(page.canonicalUrl),
      )}">\n`
    : ''
}<link rel="stylesheet" href="${escapeAttr(rel(DOCS_STYLESHEET_PATH))}">
${(page.extraCss ?? [])
  .map(
    href =>
      `<link rel="stylesheet" href="${escapeAttr(
        /^https:/i.test(href) ? encodeUrl(href) : rel(encodePath(href)),
      )}">\n`,
  )
  .join('')}</head>
<body dir="ltr">
<input class="md-toggle" data-md-toggle="drawer" type="checkbox" id="__drawer" autocomplete="off">
<input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<label class="md-overlay" for="__drawer"></label>
<header class="md-header" data-md-component="header"><nav class="md-header__inner md-grid" aria-label="Header"><label class="md-header__button md-icon" for="__drawer"></label><div class="md-header__title"><span class="md-ellipsis">${escapeAttr(
    page.siteName,
  )}</span></div></nav></header>
<div class="md-container" data-md-component="container">
<main class="md-main" data-md-component="main">
<div class="md-main__inner md-grid">
<div class="md-sidebar md-sidebar--primary" data-md-component="sidebar" data-md-type="navigation"${hidden(
    'navigation',
  )}><div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner">
<nav class="md-nav md-nav--primary" aria-label="Navigation" data-md-level="0"><label class="md-nav__title" for="__drawer">${escapeAttr(
    page.siteName,
  )}</label>${navList(page.nav, 0)}</nav>
</div></div></div>
<div class="md-sidebar md-sidebar--secondary" data-md-component="sidebar" data-md-type="toc"${hidden(
    'toc',
  )}><div class="md-sidebar__scrollwrap"><div class="md-sidebar__inner">${toc}</div></div></div>
<div class="md-content" data-md-component="content">
<article class="md-content__inner md-typeset">
${
  page.editUrl
    ? `<a href="${escapeAttr(
        page.editUrl,
      )}" title="Edit this page" class="md-content__button md-icon">Edit</a>\n`
    : ''
}${
    page.tags?.length
      ? `<nav class="md-tags"${hidden('tags')}>${page.tags
          .map(tag =>
            tag.link
              ? `<a href="${escapeAttr(
                  `${rel(tag.link.url)}#${encodeURIComponent(tag.link.anchor)}`,
                )}" class="md-tag">${escapeAttr(tag.name)}</a>`
              : `<span class="md-tag">${escapeAttr(tag.name)}</span>`,
          )
          .join('')}</nav>\n`
      : ''
  }${page.hasH1 ? '' : `<h1>${escapeAttr(page.title)}</h1>\n`}${
    page.contentHtml
  }
</article>
</div>
</div>
</main>
<footer class="md-footer">${footerNav()}<div class="md-footer-meta md-typeset"><div class="md-footer-meta__inner md-grid"><div class="md-copyright">Built by Greenroom's TechDocs generator</div></div></div></footer>
</div>
</body>
</html>
`;
}

const sectionPageUrls = new WeakMap<NavItem, Set<string>>();

/** The URLs of every page under a section, computed once per section. */
function sectionPages(section: NavItem & { kind: 'section' }): Set<string> {
  let urls = sectionPageUrls.get(section);
  if (!urls) {
    urls = new Set();
    for (const child of section.children) {
      if (child.kind === 'page') urls.add(child.url);
      if (child.kind === 'section')
        sectionPages(child).forEach(u => urls!.add(u));
    }
    sectionPageUrls.set(section, urls);
  }
  return urls;
}
