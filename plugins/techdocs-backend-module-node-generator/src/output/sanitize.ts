import sanitizeHtml from 'sanitize-html';
import { unsafeUrlScheme } from './unsafeUrl';

const PLACEHOLDER_MARK = /[\uE000\uE001]/;
const PLACEHOLDER_MARKS = /[\uE000\uE001]/g;

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
    img: ['src', 'srcset', 'sizes', 'alt', 'width', 'height', 'loading'],
    source: ['srcset', 'sizes', 'media', 'type', 'width', 'height'],
    input: [
      { name: 'type', multiple: false, values: ['checkbox'] },
      'checked',
      'disabled',
    ],
    details: ['open'],
    td: ['style', 'colspan', 'rowspan'],
    th: ['style', 'colspan', 'rowspan', 'scope'],
    ol: ['start', 'type', 'reversed'],
  },
  allowedStyles: { '*': { 'text-align': [/^(left|right|center)$/] } },
  allowedSchemes: ['http', 'https', 'mailto'],
  // Images may be inline data, as long as it is an image (checked below).
  allowedSchemesByTag: { img: ['http', 'https', 'data'] },
  allowProtocolRelative: false,
  selfClosing: [...sanitizeHtml.defaults.selfClosing, 'source'],
  // Task list boxes are the only inputs: no text fields, buttons or uploads.
  exclusiveFilter: frame =>
    frame.tag === 'input' && frame.attribs.type !== 'checkbox',
  transformTags: {
    '*': (tagName, attribs) => ({
      tagName,
      attribs: withoutMarksInValues(attribs),
    }),
    img: (tagName, attribs) => {
      const { src, ...rest } = attribs;
      return {
        tagName,
        attribs: src && unsafeUrlScheme(src, 'image') ? rest : attribs,
      };
    },
  },
};

/**
 * Attribute values without the marks of the generator's placeholders
 * (`TrustedFragments`): raw HTML whose attribute is left open (`<div
 * title="`) takes the Markdown that follows into its value, placeholders
 * included, and putting the generator's markup back there would end the
 * attribute and open tags of the author's choosing.
 */
function withoutMarksInValues(
  attribs: sanitizeHtml.Attributes,
): sanitizeHtml.Attributes {
  let result = attribs;
  for (const [name, value] of Object.entries(attribs)) {
    if (!PLACEHOLDER_MARK.test(value)) continue;
    if (result === attribs) result = { ...attribs };
    result[name] = value.replace(PLACEHOLDER_MARKS, '');
  }
  return result;
}

/**
 * Removes what could run script from a page's HTML (script and style tags,
 * frames, objects, forms, SVG and MathML, event handler attributes,
 * javascript:, vbscript: and non-image data: URLs), whatever raw HTML the
 * author wrote, and keeps what Markdown and Material content use (figures,
 * tables, details, task lists, images with their size, kbd, mark, classes
 * and ids). The reader sanitizes again; this is the first line.
 */
export function sanitize(html: string): string {
  return sanitizeHtml(html, options);
}
