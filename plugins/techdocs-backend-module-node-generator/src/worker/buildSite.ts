import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import { readMkdocsConfig } from '../mkdocs/readMkdocsConfig';
import { NavItem, resolveNav, titleFromName } from '../mkdocs/nav';
import { createMarkdownRenderer } from '../markdown/createMarkdownRenderer';
import {
  extensionName,
  extensionsKey,
  MarkdownExtensions,
  markdownExtensions,
} from '../markdown/markdownExtensions';
import { PageEnv, PageWarnings, TrustedFragments } from '../markdown/pageEnv';
import {
  ExpansionBudget,
  includeSnippets,
  snippetSettings,
} from '../markdown/snippets';
import { renderPageHtml } from '../output/renderPageHtml';
import { sanitize } from '../output/sanitize';
import { isInside, pageOutputFile, pageUrl } from '../output/paths';
import { Page, rewriteUrl } from '../output/rewriteUrl';
import { DOCS_STYLESHEET, DOCS_STYLESHEET_PATH } from '../output/stylesheet';
import { limitExceeded, SiteLimits } from './limits';

/** Markdown extensions whose syntax this generator renders. */
const KNOWN_EXTENSIONS = new Set([
  'abbr',
  'admonition',
  'attr_list',
  'codehilite',
  'def_list',
  'fenced_code',
  'footnotes',
  'meta',
  'tables',
  'toc',
  'markdown.extensions.toc',
  'markdown_inline_graphviz',
  'pymdownx.details',
  'pymdownx.emoji',
  'pymdownx.highlight',
  'pymdownx.inlinehilite',
  'pymdownx.snippets',
  'pymdownx.superfences',
  'pymdownx.tasklist',
  'pymdownx.tabbed',
]);
/** MkDocs plugins whose job this generator does itself. */
const KNOWN_PLUGINS = new Set(['techdocs-core', 'search']);

/** One build, as plain data: it is sent to the worker that runs it. */
export type BuildRequest = {
  inputDir: string;
  outputDir: string;
  /** The entity's `backstage.io/techdocs-ref`, whose `url:` target is the default repo_url. */
  parsedLocationAnnotation?: { type: string; target: string };
  etag?: string;
  /** The variables mkdocs.yml's !ENV may read. */
  envAllowlist: string[];
  /** Their values; the build sees no other variable of the backend. */
  env: Record<string, string>;
  limits: SiteLimits;
};

/** How a build reports while it runs. */
export type BuildProgress = {
  /** One line of the build log, which the TechDocs reader shows. */
  log(line: string): void;
  /** The page the build is working on now, as errors name it. */
  page(file: string): void;
};

/**
 * Renderers are stateless between pages: one serves every build of a worker
 * that has the same extensions. A worker builds site after site, so the few
 * sets of extensions in use are kept.
 */
const renderers = new Map<string, ReturnType<typeof createMarkdownRenderer>>();
const MAX_RENDERERS = 8;

function rendererFor(extensions: MarkdownExtensions) {
  const key = extensionsKey(extensions);
  let render = renderers.get(key);
  if (!render) {
    if (renderers.size >= MAX_RENDERERS) {
      renderers.delete(renderers.keys().next().value!);
    }
    render = createMarkdownRenderer(extensions);
    renderers.set(key, render);
  }
  return render;
}

/**
 * Counts every page's Markdown, and the site's, as snippets are included:
 * the first byte over `maxPageBytes` or `maxSiteBytes` stops the build.
 */
class MarkdownBudget implements ExpansionBudget {
  private pageBytes = 0;
  private siteBytes = 0;
  private file = '';

  constructor(private readonly limits: SiteLimits) {}

  get maxPageBytes() {
    return this.limits.maxPageBytes;
  }

  startPage(file: string) {
    this.file = file;
    this.pageBytes = 0;
  }

  add(bytes: number) {
    this.pageBytes += bytes;
    this.siteBytes += bytes;
    if (this.pageBytes > this.limits.maxPageBytes) {
      throw limitExceeded('maxPageBytes', this.limits.maxPageBytes, {
        file: this.file,
      });
    }
    if (this.siteBytes > this.limits.maxSiteBytes) {
      throw limitExceeded('maxSiteBytes', this.limits.maxSiteBytes, {
        at: this.file,
      });
    }
  }
}

/**
 * Writes a site's files, creating each folder once, and counts their bytes
 * against `maxOutputBytes` before writing them. (Writing asynchronously
 * measured no faster here and took 80% more memory.)
 */
class SiteWriter {
  /** Every file written, relative to the site. */
  readonly files: string[] = [];
  private readonly madeDirs = new Set<string>();
  private bytes = 0;

  constructor(
    private readonly outputDir: string,
    private readonly maxOutputBytes: number,
  ) {}

  write(rel: string, content: string) {
    this.count(Buffer.byteLength(content));
    fs.writeFileSync(this.target(rel), content);
    this.files.push(rel);
  }

  copy(rel: string, source: string) {
    this.count(fs.statSync(source).size);
    fs.copyFileSync(source, this.target(rel));
    this.files.push(rel);
  }

  /** A file written in parts, listed among the site's files once closed. */
  open(rel: string) {
    const fd = fs.openSync(this.target(rel), 'w');
    return {
      write: (text: string) => {
        this.count(Buffer.byteLength(text));
        fs.writeSync(fd, text);
      },
      close: () => {
        fs.closeSync(fd);
        this.files.push(rel);
      },
    };
  }

  private count(bytes: number) {
    this.bytes += bytes;
    if (this.bytes > this.maxOutputBytes) {
      throw limitExceeded('maxOutputBytes', this.maxOutputBytes);
    }
  }

  private target(rel: string) {
    const target = path.join(this.outputDir, rel);
    const dir = path.dirname(target);
    if (!this.madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    return target;
  }
}

type SearchEntry = { location: string; title: string; text: string };

/**
 * search/search_index.json written entry by entry as pages are built, in the
 * bytes JSON.stringify would give, so the index of a large site is never one
 * string in memory.
 */
class SearchIndexWriter {
  private readonly file: ReturnType<SiteWriter['open']>;
  private first = true;

  constructor(writer: SiteWriter) {
    this.file = writer.open('search/search_index.json');
    this.file.write(
      `{"config":${JSON.stringify({
        lang: ['en'],
        separator: '[\\s\\-]+',
        pipeline: ['stopWordFilter'],
      })},"docs":[`,
    );
  }

  add(entry: SearchEntry) {
    this.file.write(`${this.first ? '' : ','}${JSON.stringify(entry)}`);
    this.first = false;
  }

  close() {
    this.file.write(']}');
    this.file.close();
  }
}

/**
 * Builds a TechDocs site from a docs-as-code folder: the mkdocs.yml and
 * Markdown MkDocs reads, the HTML MkDocs' Material theme writes, plus
 * techdocs_metadata.json and search/search_index.json. Nothing from the docs
 * repository is executed. Synchronous and CPU-bound: it runs in a worker
 * (`BuildWorkerPool`), never on the backend's event loop.
 */
export function buildSite(
  request: BuildRequest,
  progress: BuildProgress,
): { pages: number } {
  const started = Date.now();
  const { inputDir, outputDir, limits } = request;
  const warn = (message: string) => progress.log(`WARNING ${message}`);

  const config = readMkdocsConfig({
    inputDir,
    envAllowlist: request.envAllowlist,
    env: request.env,
    warn,
  });
  for (const { name } of config.markdownExtensions) {
    if (!KNOWN_EXTENSIONS.has(extensionName(name)))
      warn(
        `${config.file}: markdown extension '${name}' is not supported and is ignored`,
      );
  }
  for (const { name } of config.plugins) {
    if (!KNOWN_PLUGINS.has(name))
      warn(`${config.file}: plugin '${name}' is not supported and is ignored`);
  }
  const render = rendererFor(markdownExtensions(config.markdownExtensions));

  const docsDir = config.docsDir;
  const docsRel = path.relative(inputDir, docsDir) || '.';
  const { markdown, assets } = listDocs(docsDir, docsRel, limits, warn);
  const pages = readPages(docsDir, docsRel, markdown, limits);
  const titles = new Map(pages.map(p => [p.srcPath, p.title]));
  const nav = resolveNav({
    raw: config.nav,
    srcPaths: pages.map(p => p.srcPath),
    titleOf: srcPath => titles.get(srcPath) ?? srcPath,
    configFile: config.file,
  });
  const navTitles = new Map<string, string>();
  collectNavTitles(nav, navTitles);

  const repoUrl =
    config.repoUrl ??
    (request.parsedLocationAnnotation?.type === 'url'
      ? request.parsedLocationAnnotation.target
      : undefined);
  const editBase = repoUrl
    ? editBaseUrl(repoUrl, config.editUri, docsRel)
    : undefined;

  fs.mkdirSync(outputDir, { recursive: true });
  const writer = new SiteWriter(outputDir, limits.maxOutputBytes);
  const search = new SearchIndexWriter(writer);
  const budget = new MarkdownBudget(limits);
  const snippets = new Map<string, string>();
  const snippetOptions = snippetSettings(
    markdownExtensions(config.markdownExtensions).get('pymdownx.snippets') ??
      {},
    inputDir,
    warn,
    config.file,
  );

  for (const page of pages) {
    progress.page(page.file);
    budget.startPage(page.file);
    const url = pageUrl(page.srcPath);
    const source = includeSnippets(
      fs.readFileSync(path.join(docsDir, page.srcPath), 'utf8'),
      { ...snippetOptions, file: page.file, budget, cache: snippets, warn },
    );
    const env: PageEnv = {
      file: page.file,
      warnings: new PageWarnings(),
      trusted: new TrustedFragments(),
    };
    const rendered = render(
      source,
      (href, kind, line) =>
        rewriteUrl({
          href,
          kind,
          line,
          page,
          url,
          docsDir,
          repoDir: inputDir,
          known: titles,
          warnings: env.warnings,
        }),
      env,
    );
    for (const message of env.warnings.messages(page.file)) warn(message);
    const title = navTitles.get(page.srcPath) ?? rendered.title ?? page.title;
    // Markdown-it escapes text and refuses javascript: links by itself; raw
    // HTML written by the author is what may carry script. The generator's
    // own markup is put back after sanitizing.
    const contentHtml = env.trusted.restore(
      rendered.hasRawHtml ? sanitize(rendered.html) : rendered.html,
    );
    const html = renderPageHtml({
      siteName: config.siteName,
      url,
      title,
      contentHtml,
      hasH1: rendered.title !== undefined,
      toc: rendered.toc,
      nav,
      editUrl: editBase ? `${editBase}${page.srcPath}` : undefined,
    });
    writer.write(pageOutputFile(page.srcPath), html);
    for (const entry of searchEntries(url, title, contentHtml, rendered.toc)) {
      search.add(entry);
    }
  }

  for (const asset of assets) {
    writer.copy(asset, path.join(docsDir, asset));
  }

  writer.write(DOCS_STYLESHEET_PATH, DOCS_STYLESHEET);
  search.close();
  writer.write(
    'techdocs_metadata.json',
    JSON.stringify({
      site_name: config.siteName,
      site_description: config.siteDescription ?? '',
      build_timestamp: Date.now(),
      ...(request.etag ? { etag: request.etag } : {}),
      files: [...writer.files, 'techdocs_metadata.json'],
    }),
  );
  progress.log(
    `INFO Built ${pages.length} pages of '${config.siteName}' in ${
      Date.now() - started
    } ms`,
  );
  return { pages: pages.length };
}

/**
 * Markdown pages and other files of the docs folder. Symlinks out of it are
 * refused; each folder is walked once, so links to folders can neither loop
 * nor multiply pages: a folder reached again through a link is skipped with a
 * warning. Real folders come first, so a link never takes a folder's place.
 */
function listDocs(
  docsDir: string,
  docsRel: string,
  limits: SiteLimits,
  warn: (message: string) => void,
) {
  const markdown: string[] = [];
  const assets: string[] = [];
  const named = (rel: string) => `${docsRel}/${rel}`;
  const realRoot = fs.realpathSync(docsDir);
  /** Folders walked, by real path, with the path they were walked under. */
  const walked = new Map<string, string>();
  const links: Array<{ full: string; rel: string; real: string }> = [];

  const addFile = (rel: string) => {
    if (!/\.md$/i.test(rel)) {
      assets.push(rel);
      return;
    }
    if (markdown.length >= limits.maxPages) {
      throw limitExceeded('maxPages', limits.maxPages);
    }
    markdown.push(rel);
  };

  const walk = (dir: string, rel: string, real: string) => {
    const first = walked.get(real);
    if (first !== undefined) {
      warn(
        `${named(rel)}: skipped: it is the folder ${
          first ? named(first) : docsRel
        } again, through a symlink, and each folder is built once`,
      );
      return;
    }
    walked.set(real, rel);
    const entries = fs
      .readdirSync(dir, { withFileTypes: true })
      .filter(entry => !entry.name.startsWith('.'))
      .sort((a, b) => (a.name < b.name ? -1 : 1));
    for (const entry of entries) {
      const full = path.join(dir, entry.name);
      const entryRel = rel ? `${rel}/${entry.name}` : entry.name;
      if (entry.isSymbolicLink()) {
        const target = linkTarget(full, named(entryRel));
        if (!isInside(realRoot, target)) {
          throw new DocsBuildError(
            named(entryRel),
            'is a symlink that leaves the docs folder',
          );
        }
        const stat = fs.statSync(target);
        if (stat.isDirectory()) {
          links.push({ full, rel: entryRel, real: target });
        } else if (stat.isFile()) {
          addFile(entryRel);
        }
      } else if (entry.isDirectory()) {
        walk(full, entryRel, path.join(real, entry.name));
      } else if (entry.isFile()) {
        // Sockets, pipes and devices are not docs (and reading a pipe waits forever).
        addFile(entryRel);
      }
    }
  };

  walk(docsDir, '', realRoot);
  // Links found while walking linked folders join the end of the queue.
  for (let i = 0; i < links.length; i++) {
    walk(links[i].full, links[i].rel, links[i].real);
  }
  markdown.sort();
  return { markdown, assets };
}

function linkTarget(link: string, name: string): string {
  try {
    return fs.realpathSync(link);
  } catch {
    throw new DocsBuildError(
      name,
      'is a symlink to a file that does not exist',
    );
  }
}

/**
 * Each page's title, checked to be within the page limit and UTF-8. Only the
 * titles are kept: the pages are read again one at a time as they are built.
 */
function readPages(
  docsDir: string,
  docsRel: string,
  srcPaths: string[],
  limits: SiteLimits,
): Page[] {
  let siteBytes = 0;
  return srcPaths.map(srcPath => {
    const file = `${docsRel === '.' ? '' : `${docsRel}/`}${srcPath}`;
    const full = path.join(docsDir, srcPath);
    const size = fs.statSync(full).size;
    if (size > limits.maxPageBytes) {
      throw limitExceeded('maxPageBytes', limits.maxPageBytes, { file });
    }
    siteBytes += size;
    if (siteBytes > limits.maxSiteBytes) {
      throw limitExceeded('maxSiteBytes', limits.maxSiteBytes, { at: file });
    }
    const bytes = fs.readFileSync(full);
    let source: string;
    try {
      source = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    } catch {
      const at = firstInvalidUtf8Byte(bytes);
      throw new DocsBuildError(
        file,
        `is not valid UTF-8 (first invalid byte at offset ${at}); save it as UTF-8`,
      );
    }
    const h1 = /^#\s+(.+?)\s*#*\s*$/m.exec(source);
    const base = srcPath.split('/').pop()!.replace(/\.md$/i, '');
    const title = h1?.[1] ?? (base === 'index' ? 'Home' : titleFromName(base));
    return { srcPath, file, title };
  });
}

function collectNavTitles(items: NavItem[], into: Map<string, string>) {
  for (const item of items) {
    if (item.kind === 'page' && !into.has(item.srcPath))
      into.set(item.srcPath, item.title);
    if (item.kind === 'section') collectNavTitles(item.children, into);
  }
}

function editBaseUrl(
  repoUrl: string,
  editUri: string | undefined,
  docsRel: string,
) {
  const base = repoUrl.replace(/\/+$/, '');
  if (editUri && /^[a-z]+:\/\//i.test(editUri))
    return editUri.replace(/\/?$/, '/');
  const uri = editUri ?? `edit/main/${docsRel === '.' ? '' : `${docsRel}/`}`;
  return `${base}/${uri.replace(/^\/+/, '').replace(/\/?$/, '/')}`;
}

function searchEntries(
  url: string,
  title: string,
  html: string,
  toc: Array<{ id: string; title: string }>,
): SearchEntry[] {
  const text = (fragment: string) =>
    fragment
      .replace(/<[^>]+>/g, ' ')
      .replace(/&[a-z#0-9]+;/gi, ' ')
      .replace(/\s+/g, ' ')
      .trim();
  const entries = [{ location: url, title, text: text(html) }];
  // One entry per section too, so a search result lands on the right heading.
  const parts = html.split(/(?=<h2 id=")/);
  for (const part of parts.slice(1)) {
    const id = /^<h2 id="([^"]+)"/.exec(part)?.[1];
    const heading = toc.find(t => t.id === id);
    if (id && heading)
      entries.push({
        location: `${url}#${id}`,
        title: heading.title,
        text: text(part),
      });
  }
  return entries;
}

function firstInvalidUtf8Byte(bytes: Buffer): number {
  const decoder = new TextDecoder('utf-8', { fatal: true });
  for (let i = 0; i < bytes.length; i++) {
    try {
      decoder.decode(bytes.subarray(i, i + 1), { stream: true });
    } catch {
      return i;
    }
  }
  return bytes.length;
}
