import fs from 'node:fs';
import path from 'node:path';
import { DocsBuildError } from '../DocsBuildError';
import { createHash } from 'node:crypto';
import {
  MkdocsConfig,
  RawNav,
  readMkdocsConfig,
} from '../mkdocs/readMkdocsConfig';
import { NavItem, resolveNav, titleFromName } from '../mkdocs/nav';
import { arrangeNav, NavRest, navRest } from '../mkdocs/awesomePages';
import { gitignoreMatcher } from '../mkdocs/gitignorePatterns';
import { TAGS_MARKER, TagsIndex } from '../mkdocs/tags';
import { isScriptUrl, isWebUrl } from '../mkdocs/urls';
import { PageMeta, readFrontMatter } from '../markdown/frontMatter';
import { createMarkdownRenderer } from '../markdown/createMarkdownRenderer';
import {
  RENDERED_EXTENSIONS,
  extensionName,
  extensionsKey,
  MarkdownExtensions,
  markdownExtensions,
} from '../markdown/markdownExtensions';
import { withoutAttrList } from '../markdown/attrList';
import { firstHeading } from '../markdown/firstHeading';
import { iconSvg } from '../markdown/icons';
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

/** MkDocs plugins whose job this generator does itself. */
const KNOWN_PLUGINS = new Set([
  'techdocs-core',
  'search',
  'tags',
  'material/tags',
  'awesome-pages',
]);
/** Plugins that run code from the docs at build time, which this generator never does. */
const CODE_PLUGINS: Record<string, string> = {
  macros: '`{{ ... }}` and `{% ... %}`',
  'mkdocs-macros': '`{{ ... }}` and `{% ... %}`',
  mkdocstrings: '`::: identifier`',
};
/** What MkDocs 1.5 leaves out of every site, besides dotfiles (which are never read). */
const DEFAULT_EXCLUDE_DOCS = '/templates/';

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
    if (!RENDERED_EXTENSIONS.has(extensionName(name)))
      warn(
        `${config.file}: markdown extension '${name}' is not supported and is ignored`,
      );
  }
  for (const { name } of config.plugins) {
    if (CODE_PLUGINS[name]) {
      warn(
        `${config.file}: plugin '${name}' is not supported and is ignored: it runs code at build time; its ${CODE_PLUGINS[name]} stay as written, and each page that has them is named below`,
      );
    } else if (!KNOWN_PLUGINS.has(name))
      warn(`${config.file}: plugin '${name}' is not supported and is ignored`);
  }
  if (config.extraJavascript.length) {
    warn(
      `${config.file}: extra_javascript (${config.extraJavascript.join(
        ', ',
      )}) is never included: docs run no script in the reader`,
    );
  }
  const pluginOptions = (...names: string[]) =>
    config.plugins.find(p => names.includes(p.name))?.options;
  const render = rendererFor(markdownExtensions(config.markdownExtensions));

  const docsDir = config.docsDir;
  const docsRel = path.relative(inputDir, docsDir) || '.';
  const excluded = gitignoreMatcher(
    `${DEFAULT_EXCLUDE_DOCS}\n${config.excludeDocs ?? ''}`,
    problem => warn(`${config.file}: exclude_docs: ${problem}`),
  );
  const listed = listDocs(docsDir, docsRel, limits, warn);
  const markdown = listed.markdown.filter(f => !excluded(f));
  const assets = listed.assets.filter(f => !excluded(f));
  const { pages, metas, tagsMarked } = readPages(
    docsDir,
    docsRel,
    markdown,
    limits,
  );
  const titles = new Map(pages.map(p => [p.srcPath, p.title]));
  const awesomePages = pluginOptions('awesome-pages');
  const navOf = (raw: RawNav | undefined, rest?: NavRest) =>
    resolveNav({
      raw,
      srcPaths: pages.map(p => p.srcPath),
      titleOf: srcPath => titles.get(srcPath) ?? srcPath,
      configFile: config.file,
      warn,
      rest,
    });
  let nav: NavItem[];
  if (awesomePages) {
    // awesome-pages arranges the folder tree; mkdocs.yml's nav, if any,
    // takes from it what its `...` entries stand for.
    const arranged = arrangeNav({
      nav: navOf(undefined),
      docsDir,
      docsRel,
      plugin: awesomePages,
      warn,
      maxBytes: limits.maxPageBytes,
    });
    nav = config.nav
      ? navOf(
          config.nav,
          navRest({ raw: config.nav, arranged, configFile: config.file, warn }),
        )
      : arranged;
  } else {
    nav = navOf(config.nav);
  }
  const navTitles = new Map<string, string>();
  collectNavTitles(nav, navTitles);
  // The nav's pages in order, for each page's previous and next links.
  const navOrder = [...navTitles.keys()];
  const navIndex = new Map(navOrder.map((srcPath, i) => [srcPath, i]));
  const footerLinkTo = (i: number | undefined) => {
    const srcPath = i === undefined ? undefined : navOrder[i];
    return srcPath === undefined
      ? undefined
      : { title: navTitles.get(srcPath)!, url: pageUrl(srcPath) };
  };
  if (config.nav) warnNotInNav(config, pages, navTitles, progress);

  const navIcons = pageIcons(pages, metas, warn);
  const editLink = editLinkFor(config, request, docsRel, warn);
  const siteUrl = siteUrlOf(config, warn);
  const extraCss = extraStylesheets(config, docsDir, assets, warn);
  const tags = tagsIndexOf(
    pluginOptions('tags', 'material/tags'),
    pages,
    metas,
    tagsMarked,
    warn,
    config.file,
  );

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
    const {
      markdown: body,
      lineOffset,
      meta,
      warning,
    } = readFrontMatter(
      fs.readFileSync(path.join(docsDir, page.srcPath), 'utf8'),
    );
    const source = includeSnippets(
      tags?.indexSrcPath === page.srcPath
        ? tags.index.renderInto(body, !tags.fromTagsFile)
        : body,
      {
        ...snippetOptions,
        file: page.file,
        budget,
        cache: snippets,
        warn,
        lineOffset,
      },
    );
    const env: PageEnv = {
      file: page.file,
      warnings: new PageWarnings(lineOffset),
      trusted: new TrustedFragments(),
    };
    if (warning) warn(`${page.file}:${warning.line}: ${warning.message}`);
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
    const title =
      navTitles.get(page.srcPath) ?? meta.title ?? rendered.title ?? page.title;
    // The renderers escape what they write and drop script URLs (rewriteUrls,
    // attr_list's allowlist); raw HTML written by the author is what may
    // carry script, so only a page with some is sanitized. The generator's
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
      editUrl: editLink?.(page.srcPath),
      description: meta.description ?? config.siteDescription,
      hide: meta.hide,
      tags: tags ? tags.index.tagsOf(meta.tags) : undefined,
      extraCss: extraCss.links,
      canonicalUrl: siteUrl ? `${siteUrl}${url}` : undefined,
      navIcons,
      previous: footerLinkTo(
        navIndex.has(page.srcPath)
          ? navIndex.get(page.srcPath)! - 1
          : undefined,
      ),
      next: footerLinkTo(
        navIndex.has(page.srcPath)
          ? navIndex.get(page.srcPath)! + 1
          : undefined,
      ),
    });
    writer.write(pageOutputFile(page.srcPath), html);
    for (const entry of searchEntries(url, title, contentHtml, rendered.toc)) {
      search.add(entry);
    }
  }

  for (const asset of assets) {
    writer.copy(asset, path.join(docsDir, asset));
  }
  for (const copy of extraCss.copies) {
    writer.copy(copy.rel, path.join(docsDir, copy.source));
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
): {
  pages: Page[];
  metas: Map<string, PageMeta>;
  /** Pages with Material's `<!-- material/tags -->` marker. */
  tagsMarked: Set<string>;
} {
  let siteBytes = 0;
  const metas = new Map<string, PageMeta>();
  const tagsMarked = new Set<string>();
  const pages = srcPaths.map(srcPath => {
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
    // As MkDocs: the front matter's title, else the first h1, else the file name.
    const { meta, markdown } = readFrontMatter(source);
    metas.set(srcPath, meta);
    if (markdown.includes(TAGS_MARKER)) tagsMarked.add(srcPath);
    const h1 = meta.title ? undefined : firstHeading(markdown);
    const base = srcPath.split('/').pop()!.replace(/\.md$/i, '');
    const title =
      meta.title ??
      (h1 !== undefined ? withoutAttrList(h1) : undefined) ??
      (base === 'index' ? 'Home' : titleFromName(base));
    return { srcPath, file, title };
  });
  return { pages, metas, tagsMarked };
}

function collectNavTitles(items: NavItem[], into: Map<string, string>) {
  for (const item of items) {
    if (item.kind === 'page' && !into.has(item.srcPath))
      into.set(item.srcPath, item.title);
    if (item.kind === 'section') collectNavTitles(item.children, into);
  }
}

/**
 * MkDocs' edit link: `edit_uri` joined to `repo_url` as a URL (an absolute
 * `edit_uri` stands alone, `/path` replaces repo_url's path), then the page's
 * path; `edit_uri: ""` means none. Without `edit_uri`, MkDocs' default for
 * the host (`edit/master/docs/` on github.com and gitlab.com,
 * `src/default/docs/` on bitbucket.org, none elsewhere). Without a repo_url,
 * the entity's `url:` ref (`.../tree/<branch>/<path>`) gives one, as
 * TechDocs does. Only http(s) links are made.
 */
function editLinkFor(
  config: MkdocsConfig,
  request: BuildRequest,
  docsRel: string,
  warn: (message: string) => void,
): ((srcPath: string) => string | undefined) | undefined {
  let base: string | undefined;
  let editUri = config.editUri;
  if (editUri && isScriptUrl(editUri)) {
    warn(
      `${config.file}: edit_uri '${editUri}' is a script URL; pages get no edit link`,
    );
    return undefined;
  }
  if (config.repoUrl !== undefined) {
    if (!isWebUrl(config.repoUrl)) {
      warn(
        `${config.file}: repo_url '${config.repoUrl}' is not an http(s) URL; pages get no edit link`,
      );
      return undefined;
    }
    base = config.repoUrl;
    if (!safeUrl(base)) {
      warn(
        `${config.file}: repo_url '${config.repoUrl}' is not a valid URL; pages get no edit link`,
      );
      return undefined;
    }
    if (editUri === undefined) {
      const host = new URL(base).hostname.toLowerCase();
      if (host === 'github.com' || host === 'gitlab.com') {
        editUri = 'edit/master/docs/';
      } else if (host === 'bitbucket.org') editUri = 'src/default/docs/';
    }
  } else if (
    request.parsedLocationAnnotation?.type === 'url' &&
    editUri === undefined
  ) {
    // What TechDocs derives from a `url:` ref: the tree URL's edit twin.
    const target = request.parsedLocationAnnotation.target;
    if (!isWebUrl(target) || !/\/(-\/)?tree\//.test(target)) return undefined;
    const docs = docsRel === '.' ? '' : `${docsRel}/`;
    const edit = target
      .replace(/\/(-\/)?tree\//, '/$1edit/')
      .replace(/\/?$/, '/');
    return srcPath => safeUrl(`${edit}${docs}${srcPath}`);
  } else if (editUri !== undefined && !isWebUrl(editUri)) {
    return undefined;
  }
  if (!editUri) return undefined;
  const uri = editUri.endsWith('/') ? editUri : `${editUri}/`;
  const root =
    base && !uri.startsWith('?') && !uri.startsWith('#') && !base.endsWith('/')
      ? `${base}/`
      : base;
  return srcPath => safeUrl(`${uri}${srcPath}`, root);
}

/** An absolute http(s) URL, percent-encoded, or nothing. */
function safeUrl(url: string, base?: string): string | undefined {
  try {
    const parsed = new URL(url, base);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:'
      ? parsed.href
      : undefined;
  } catch {
    return undefined;
  }
}

/** site_url with a trailing slash, when it is an http(s) URL. */
function siteUrlOf(
  config: MkdocsConfig,
  warn: (message: string) => void,
): string | undefined {
  if (!config.siteUrl) return undefined;
  if (!isWebUrl(config.siteUrl)) {
    warn(
      `${config.file}: site_url '${config.siteUrl}' is not an http(s) URL; it is ignored`,
    );
    return undefined;
  }
  const url = safeUrl(config.siteUrl);
  return url?.endsWith('/') ? url : url && `${url}/`;
}

/**
 * extra_css: https URLs are linked as they are; files of the docs folder are
 * linked through a copy named like Material's stylesheet
 * (`<name>.main.<hash>.min.css`, next to the file so that its `url(...)`s
 * still resolve), as the reader drops every other stylesheet link.
 */
function extraStylesheets(
  config: MkdocsConfig,
  docsDir: string,
  assets: string[],
  warn: (message: string) => void,
): { links: string[]; copies: Array<{ rel: string; source: string }> } {
  const links: string[] = [];
  const copies: Array<{ rel: string; source: string }> = [];
  const known = new Set(assets);
  for (const entry of config.extraCss) {
    if (/^[a-z][a-z0-9+.-]*:|^\/\//i.test(entry)) {
      if (/^https:\/\/[^/]/i.test(entry)) links.push(entry);
      else
        warn(
          `${config.file}: extra_css '${entry}' is not an https URL or a file of the docs folder; it is not linked`,
        );
      continue;
    }
    const rel = path.posix.normalize(entry.replace(/^\/+/, ''));
    if (!known.has(rel)) {
      warn(
        `${config.file}: extra_css '${entry}' is not a file of the docs folder; it is not linked`,
      );
      continue;
    }
    const hash = createHash('sha256')
      .update(fs.readFileSync(path.join(docsDir, rel)))
      .digest('hex')
      .slice(0, 8);
    const copy = `${rel.replace(/\.css$/i, '')}.main.${hash}.min.css`;
    copies.push({ rel: copy, source: rel });
    links.push(copy);
  }
  return { links, copies };
}

/**
 * Front matter `icon`s (`material/alert`), which Material shows before the
 * page's title in the nav. An icon that is not known is warned about once
 * per site, with how many pages name one.
 */
function pageIcons(
  pages: Page[],
  metas: Map<string, PageMeta>,
  warn: (message: string) => void,
): Map<string, string> {
  const icons = new Map<string, string>();
  const unknown = new Map<string, string[]>();
  for (const page of pages) {
    const icon = metas.get(page.srcPath)?.icon;
    if (!icon) continue;
    const svg = /^[a-z0-9/-]+$/.test(icon)
      ? iconSvg(icon.replace(/\//g, '-'))
      : undefined;
    if (svg) icons.set(page.srcPath, svg);
    else unknown.set(icon, [...(unknown.get(icon) ?? []), page.file]);
  }
  for (const [icon, files] of unknown) {
    warn(
      `${
        files[0]
      }: front matter icon '${icon}' is not an icon this generator has; the nav shows the title alone${
        files.length > 1 ? ` (and on ${files.length - 1} more pages)` : ''
      }`,
    );
  }
  return icons;
}

/**
 * Pages that are not in mkdocs.yml's nav, as MkDocs lists them (at INFO),
 * except those `not_in_nav` names.
 */
function warnNotInNav(
  config: MkdocsConfig,
  pages: Page[],
  navTitles: Map<string, string>,
  progress: BuildProgress,
) {
  const allowed = gitignoreMatcher(config.notInNav ?? '', problem =>
    progress.log(`WARNING ${config.file}: not_in_nav: ${problem}`),
  );
  const missing = pages
    .map(p => p.srcPath)
    .filter(srcPath => !navTitles.has(srcPath) && !allowed(srcPath));
  if (missing.length) {
    progress.log(
      `INFO The following pages exist in the docs directory, but are not included in the "nav" configuration: ${missing.join(
        ', ',
      )}`,
    );
  }
}

/**
 * Material's tags plugin, when it is on: the tags index is `tags_file`
 * (Material 8 and 9), or else the first page with `<!-- material/tags -->`.
 */
function tagsIndexOf(
  options: Record<string, unknown> | undefined,
  pages: Page[],
  metas: Map<string, PageMeta>,
  tagsMarked: Set<string>,
  warn: (message: string) => void,
  configFile: string,
) {
  if (!options) return undefined;
  const tagged = pages.map(p => ({
    srcPath: p.srcPath,
    title: p.title,
    tags: metas.get(p.srcPath)?.tags ?? [],
  }));
  const tagsFile = options.tags_file;
  if (
    tagsFile !== undefined &&
    tagsFile !== null &&
    typeof tagsFile !== 'string'
  ) {
    warn(`${configFile}: tags_file must be the path of a page; it is ignored`);
  }
  if (typeof tagsFile === 'string') {
    const srcPath = path.posix.normalize(tagsFile);
    if (pages.some(p => p.srcPath === srcPath)) {
      return {
        index: new TagsIndex(tagged, srcPath),
        indexSrcPath: srcPath,
        fromTagsFile: true,
      };
    }
    warn(
      `${configFile}: tags_file '${tagsFile}' is not a page of the docs folder; tags are not linked`,
    );
  }
  const marked = pages.find(p => tagsMarked.has(p.srcPath));
  return {
    index: new TagsIndex(tagged, marked?.srcPath),
    indexSrcPath: marked?.srcPath,
    fromTagsFile: false,
  };
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
  const headings = new Map<string, { title: string }>();
  for (const t of toc) if (!headings.has(t.id)) headings.set(t.id, t);
  const parts = html.split(/(?=<h2 id=")/);
  // parts[0] is what comes before the first h2, unless the page starts with one.
  for (const part of parts) {
    const id = /^<h2 id="([^"]+)"/.exec(part)?.[1];
    const heading = id === undefined ? undefined : headings.get(id);
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
