import fs from 'node:fs';
import path from 'node:path';
import type {
  GeneratorBase,
  GeneratorRunOptions,
} from '@backstage/plugin-techdocs-node';
import { DocsBuildError } from './DocsBuildError';
import { readMkdocsConfig } from './mkdocs/readMkdocsConfig';
import { NavItem, resolveNav, titleFromName } from './mkdocs/nav';
import { createMarkdownRenderer } from './markdown/createMarkdownRenderer';
import { includeSnippets } from './markdown/snippets';
import { renderPageHtml } from './output/renderPageHtml';
import { sanitize } from './output/sanitize';
import {
  isInside,
  pageOutputFile,
  pageUrl,
  relativeUrl,
  resolveInside,
} from './output/paths';
import { DOCS_STYLESHEET, DOCS_STYLESHEET_PATH } from './output/stylesheet';

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

/** Options of {@link NodeTechdocsGenerator}. */
export type NodeTechdocsGeneratorOptions = {
  /** Environment variables mkdocs.yml may read with !ENV. */
  envAllowlist?: string[];
  /** Largest Markdown page, in bytes. */
  maxPageBytes?: number;
};

type Page = { srcPath: string; file: string; source: string; title: string };

/**
 * Writes a site's files, creating each folder once. (Writing asynchronously
 * measured no faster here and took 80% more memory.)
 */
class SiteWriter {
  /** Every file written, relative to the site. */
  readonly files: string[] = [];
  private readonly madeDirs = new Set<string>();

  constructor(private readonly outputDir: string) {}

  write(rel: string, content: string) {
    fs.writeFileSync(this.target(rel), content);
  }

  copy(rel: string, source: string) {
    fs.copyFileSync(source, this.target(rel));
  }

  private target(rel: string) {
    const target = path.join(this.outputDir, rel);
    const dir = path.dirname(target);
    if (!this.madeDirs.has(dir)) {
      fs.mkdirSync(dir, { recursive: true });
      this.madeDirs.add(dir);
    }
    this.files.push(rel);
    return target;
  }
}

/**
 * Builds a TechDocs site from a docs-as-code folder in-process: the mkdocs.yml
 * and Markdown MkDocs reads, the HTML MkDocs' Material theme writes, plus
 * techdocs_metadata.json and search/search_index.json. No Python, no Docker,
 * and nothing from the docs repository is executed.
 */
export class NodeTechdocsGenerator implements GeneratorBase {
  private readonly envAllowlist: string[];
  private readonly maxPageBytes: number;
  private readonly render = createMarkdownRenderer();

  constructor(options: NodeTechdocsGeneratorOptions = {}) {
    this.envAllowlist = options.envAllowlist ?? [];
    this.maxPageBytes = options.maxPageBytes ?? 2 * 1024 * 1024;
  }

  async run(options: GeneratorRunOptions): Promise<void> {
    const log = (line: string) => options.logStream?.write(`${line}\n`);
    try {
      this.build(options, log);
    } catch (error) {
      if (error instanceof DocsBuildError) {
        log(`ERROR ${error.message}`);
        options.logger.error(`TechDocs build failed: ${error.message}`);
      }
      throw error;
    }
  }

  private build(options: GeneratorRunOptions, log: (line: string) => void) {
    const started = Date.now();
    const { inputDir, outputDir } = options;
    const warn = (message: string) => log(`WARNING ${message}`);

    const config = readMkdocsConfig({
      inputDir,
      envAllowlist: this.envAllowlist,
      warn,
    });
    for (const ext of config.markdownExtensions) {
      if (!KNOWN_EXTENSIONS.has(ext))
        warn(
          `${config.file}: markdown extension '${ext}' is not supported and is ignored`,
        );
    }
    for (const plugin of config.plugins) {
      if (!KNOWN_PLUGINS.has(plugin))
        warn(
          `${config.file}: plugin '${plugin}' is not supported and is ignored`,
        );
    }

    const docsDir = config.docsDir;
    const docsRel = path.relative(inputDir, docsDir) || '.';
    const { markdown, assets } = this.listDocs(docsDir, docsRel);
    const pages: Page[] = markdown.map(srcPath =>
      this.readPage(docsDir, docsRel, srcPath),
    );
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
      (options.parsedLocationAnnotation?.type === 'url'
        ? options.parsedLocationAnnotation.target
        : undefined);
    const editBase = repoUrl
      ? editBaseUrl(repoUrl, config.editUri, docsRel)
      : undefined;

    fs.mkdirSync(outputDir, { recursive: true });
    const writer = new SiteWriter(outputDir);
    const searchDocs: Array<{ location: string; title: string; text: string }> =
      [];

    for (const page of pages) {
      const url = pageUrl(page.srcPath);
      const source = includeSnippets(page.source, { docsDir, file: page.file });
      const rendered = this.render(source, (href, kind) =>
        this.rewriteUrl({ href, kind, page, url, docsDir, known: titles }),
      );
      const title = navTitles.get(page.srcPath) ?? rendered.title ?? page.title;
      // Markdown-it escapes text and refuses javascript: links by itself; raw
      // HTML written by the author is what may carry script.
      const contentHtml = rendered.hasRawHtml
        ? sanitize(rendered.html)
        : rendered.html;
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
      const outFile = pageOutputFile(page.srcPath);
      writer.write(outFile, html);
      searchDocs.push(...searchEntries(url, title, contentHtml, rendered.toc));
    }

    for (const asset of assets) {
      writer.copy(asset, path.join(docsDir, asset));
    }

    writer.write(DOCS_STYLESHEET_PATH, DOCS_STYLESHEET);
    writer.write(
      'search/search_index.json',
      JSON.stringify({
        config: {
          lang: ['en'],
          separator: '[\\s\\-]+',
          pipeline: ['stopWordFilter'],
        },
        docs: searchDocs,
      }),
    );
    writer.write(
      'techdocs_metadata.json',
      JSON.stringify({
        site_name: config.siteName,
        site_description: config.siteDescription ?? '',
        build_timestamp: Date.now(),
        ...(options.etag ? { etag: options.etag } : {}),
        files: [...writer.files, 'techdocs_metadata.json'],
      }),
    );
    log(
      `INFO Built ${pages.length} pages of '${config.siteName}' in ${
        Date.now() - started
      } ms`,
    );
  }

  /** Markdown pages and other files of the docs folder; symlinks out of it are refused. */
  private listDocs(docsDir: string, docsRel: string) {
    const markdown: string[] = [];
    const assets: string[] = [];
    const realRoot = fs.realpathSync(docsDir);
    const walk = (dir: string) => {
      for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
        if (entry.name.startsWith('.')) continue;
        const full = path.join(dir, entry.name);
        const rel = path.relative(docsDir, full).split(path.sep).join('/');
        let isDir = entry.isDirectory();
        if (entry.isSymbolicLink()) {
          const real = fs.realpathSync(full);
          if (!isInside(realRoot, real)) {
            throw new DocsBuildError(
              `${docsRel}/${rel}`,
              'is a symlink that leaves the docs folder',
            );
          }
          isDir = fs.statSync(real).isDirectory();
        }
        if (isDir) walk(full);
        else if (/\.md$/i.test(entry.name)) markdown.push(rel);
        else assets.push(rel);
      }
    };
    walk(docsDir);
    markdown.sort();
    return { markdown, assets };
  }

  private readPage(docsDir: string, docsRel: string, srcPath: string): Page {
    const file = `${docsRel === '.' ? '' : `${docsRel}/`}${srcPath}`;
    const bytes = fs.readFileSync(path.join(docsDir, srcPath));
    if (bytes.length > this.maxPageBytes) {
      throw new DocsBuildError(
        file,
        `is ${(bytes.length / 1024 / 1024).toFixed(1)} MB, over the ${(
          this.maxPageBytes /
          1024 /
          1024
        ).toFixed(1)} MB limit for one page; split it into several pages`,
      );
    }
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
    return { srcPath, file, source, title };
  }

  /** Relative links to pages become links to their built URLs; images stay in the docs folder. */
  private rewriteUrl(options: {
    href: string;
    kind: 'link' | 'image';
    page: Page;
    url: string;
    docsDir: string;
    known: Map<string, string>;
  }): string {
    const { href, kind, page, url, docsDir, known } = options;
    if (/^([a-z][a-z0-9+.-]*:|#|\/\/)/i.test(href)) return href;
    const [target, hash] = splitHash(href);
    if (!target) return href;
    const what = kind === 'image' ? 'image' : 'link';
    const pageDir = path.dirname(path.join(docsDir, page.srcPath));
    const resolved = resolveInside(docsDir, pageDir, decodeURI(target), {
      file: page.file,
      what,
    });
    const srcPath = path.relative(docsDir, resolved).split(path.sep).join('/');
    if (/\.md$/i.test(srcPath)) {
      if (!known.has(srcPath)) {
        // MkDocs only warns about a link to a missing page, and so do we.
        return href;
      }
      return relativeUrl(url, pageUrl(srcPath)) + hash;
    }
    return relativeUrl(url, srcPath) + hash;
  }
}

function splitHash(href: string): [string, string] {
  const i = href.indexOf('#');
  return i < 0 ? [href, ''] : [href.slice(0, i), href.slice(i)];
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
) {
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
