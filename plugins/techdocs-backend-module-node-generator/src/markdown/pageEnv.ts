/**
 * What rendering one page passes to every Markdown rule, as markdown-it's
 * `env` (`state.env` in parse rules, the `env` argument of render rules).
 */
export type PageEnv = {
  /** The page, as the build log names it (relative to the repository). */
  file: string;
  /** The warnings of this page: one per construct, naming its first line. */
  warnings: PageWarnings;
  /** Markup the generator wrote itself, kept out of the raw-HTML sanitizer. */
  trusted: TrustedFragments;
};

/**
 * A page's build-log warnings. Each construct the generator does not render
 * (or renders differently from MkDocs) is reported once per page, with the
 * line of its first occurrence and how many more there are, so that a page
 * full of `{{ macros }}` gives one line, not hundreds.
 */
export class PageWarnings {
  private readonly byMessage = new Map<
    string,
    { line: number | undefined; count: number }
  >();

  /**
   * @param lineOffset - the lines before the Markdown that markdown-it sees
   *   (front matter), so that warnings name the file's own line numbers
   */
  constructor(private readonly lineOffset = 0) {}

  /**
   * Records a warning. `line` is markdown-it's (0-based, of the source it
   * parsed: a token's `map[0]`), or undefined when there is no line.
   */
  add(line: number | undefined, message: string): void {
    const seen = this.byMessage.get(message);
    if (seen) {
      seen.count += 1;
      return;
    }
    this.byMessage.set(message, {
      line: line === undefined ? undefined : line + 1 + this.lineOffset,
      count: 1,
    });
  }

  /** The page's warnings as build-log messages, `file:line: message`. */
  messages(file: string): string[] {
    return [...this.byMessage].map(([message, { line, count }]) => {
      const more = count > 1 ? ` (and ${count - 1} more on this page)` : '';
      return `${file}${
        line === undefined ? '' : `:${line}`
      }: ${message}${more}`;
    });
  }
}

/**
 * Markup the generator writes itself (icons' SVG, math, highlighted code with
 * its annotations...) in a page that also has raw HTML from its author, which
 * is sanitized. Each fragment goes into the page as a placeholder made of
 * private-use characters, which the sanitizer keeps as text, and is put back
 * after sanitizing: what the generator wrote is never stripped, and what the
 * author wrote is always sanitized.
 */
export class TrustedFragments {
  private readonly fragments: string[] = [];

  /** A placeholder for `html`; render it in place of the markup. */
  add(html: string): string {
    this.fragments.push(html);
    return `\uE000${this.fragments.length - 1}\uE001`;
  }

  /**
   * `html` with every placeholder replaced by its markup, where it stands
   * for a node: one inside a tag (an attribute that raw HTML left open
   * took it in) is dropped, since markup put there would end the attribute.
   * The sanitizer already takes them out of attributes; this holds whatever
   * the HTML went through.
   */
  restore(html: string): string {
    if (this.fragments.length === 0) return html;
    // Whether the text before `offset` ends inside a tag, each character
    // looked at once: attribute values have `<` and `>` escaped.
    let inTag = false;
    let toggle = html.indexOf('<');
    const insideTag = (offset: number) => {
      while (toggle !== -1 && toggle < offset) {
        inTag = !inTag;
        toggle = html.indexOf(inTag ? '>' : '<', toggle + 1);
      }
      return inTag;
    };
    return html.replace(/\uE000(\d+)\uE001/g, (_, i: string, offset: number) =>
      insideTag(offset) ? '' : this.fragments[Number(i)] ?? '',
    );
  }
}
