import sanitizeHtml from 'sanitize-html';

const options: sanitizeHtml.IOptions = {
  allowedTags: [
    ...sanitizeHtml.defaults.allowedTags,
    'img',
    'details',
    'summary',
    'input',
    'del',
    'ins',
    'kbd',
    'mark',
    'sup',
    'sub',
    'dl',
    'dt',
    'dd',
    'abbr',
    'label',
    'span',
    'div',
    'figure',
    'figcaption',
    'picture',
    'source',
  ],
  allowedAttributes: {
    '*': ['id', 'class', 'title', 'lang', 'dir', 'align'],
    a: ['href', 'name', 'target', 'rel'],
    img: ['src', 'alt', 'width', 'height', 'loading'],
    source: ['srcset', 'media', 'type'],
    input: ['type', 'checked', 'disabled'],
    details: ['open'],
    td: ['style', 'colspan', 'rowspan'],
    th: ['style', 'colspan', 'rowspan', 'scope'],
    ol: ['start'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  allowProtocolRelative: false,
};

/**
 * Removes what could run script from a page's HTML (script and style tags,
 * event handler attributes, javascript: URLs), whatever raw HTML the author
 * wrote; the reader sanitizes again, this is the first line.
 */
export function sanitize(html: string): string {
  return sanitizeHtml(html, options);
}
