import path from 'node:path';
import { slugify } from '../markdown/slugify';
import { pageUrl } from '../output/paths';

/** Material 9's marker for where the tags index goes. */
export const TAGS_MARKER = '<!-- material/tags -->';
/** The older tags plugin's marker, in its `tags_file`. */
const TAGS_PLACEHOLDER = '[TAGS]';

/** A page's tags, as Material's tags plugin finds them. */
export type TaggedPage = { srcPath: string; title: string; tags: string[] };

/**
 * Material's tags plugin: each page's tags, linked to the tags index when
 * the site has one (`tags_file`, or a page with `<!-- material/tags -->`),
 * and the index itself, rendered into that page's Markdown.
 */
export class TagsIndex {
  private readonly byTag = new Map<string, TaggedPage[]>();

  /**
   * @param indexSrcPath - the page that lists the tags, if the site has one
   */
  constructor(pages: TaggedPage[], readonly indexSrcPath: string | undefined) {
    for (const page of pages) {
      for (const tag of new Set(page.tags)) {
        const list = this.byTag.get(tag) ?? [];
        list.push(page);
        this.byTag.set(tag, list);
      }
    }
  }

  /** A page's tags as the page template writes them. */
  tagsOf(tags: string[]): Array<{
    name: string;
    link?: { url: string; anchor: string };
  }> {
    const index = this.indexSrcPath;
    return tags.map(name =>
      index
        ? { name, link: { url: pageUrl(index), anchor: slugify(name) } }
        : { name },
    );
  }

  /**
   * The index page's Markdown with the index in place of its marker (or at
   * its end, for a `tags_file` without one): a heading per tag, as Material
   * writes it, and a link to each page with that tag.
   */
  renderInto(markdown: string, useMarker: boolean): string {
    const listing = [...this.byTag.keys()]
      .sort()
      .map(tag => this.tagSection(tag))
      .join('\n\n');
    const marker = useMarker ? TAGS_MARKER : TAGS_PLACEHOLDER;
    if (!markdown.includes(marker)) return `${markdown}\n\n${listing}\n`;
    return markdown.split(marker).join(`\n\n${listing}\n\n`);
  }

  private tagSection(tag: string): string {
    const from = path.posix.dirname(this.indexSrcPath ?? '');
    const links = this.byTag.get(tag)!.map(page => {
      const target = path.posix.relative(from, page.srcPath);
      const href = encodeURI(target).replace(
        /[()]/g,
        c => `%${c.charCodeAt(0).toString(16)}`,
      );
      return `- [${markdownText(page.title)}](${href})`;
    });
    return [
      `## <span class="md-tag">${markdownText(tag)}</span>`,
      '',
      ...links,
    ].join('\n');
  }
}

/** Text put into Markdown as it is: every ASCII punctuation character escaped. */
function markdownText(text: string): string {
  return text.replace(/[!-/:-@[-`{-~]/g, c => `\\${c}`).replace(/\s+/g, ' ');
}
