import fs from 'node:fs';
import path from 'node:path';
import { isMap, isScalar, isSeq, parseDocument, visit } from 'yaml';
import { DocsBuildError } from '../DocsBuildError';
import { isInside, resolveInside } from '../output/paths';
import type { ConfiguredItem } from '../markdown/markdownExtensions';
import { YAML_OPTIONS } from './yamlOptions';

/** A nav entry as mkdocs.yml writes it: `page.md`, `{Title: page.md}`, `{Title: [...]}`. */
export type RawNav = Array<string | Record<string, string | RawNav>>;

/** What the generator uses of mkdocs.yml. */
export type MkdocsConfig = {
  file: string;
  siteName: string;
  siteDescription?: string;
  docsDir: string;
  nav?: RawNav;
  repoUrl?: string;
  /** `''` (no edit link) is kept apart from no `edit_uri` at all (MkDocs' default). */
  editUri?: string;
  siteUrl?: string;
  /** `exclude_docs` and `not_in_nav`: gitignore-style patterns, one a line. */
  excludeDocs?: string;
  notInNav?: string;
  extraCss: string[];
  extraJavascript: string[];
  /** As listed, in order; a list or a mapping in mkdocs.yml. */
  markdownExtensions: ConfiguredItem[];
  /** As listed, in order; a list or a mapping in mkdocs.yml. */
  plugins: ConfiguredItem[];
};

const CONFIG_FILES = ['mkdocs.yml', 'mkdocs.yaml'];

/** The name of the folder's MkDocs config file, `mkdocs.yml` or `mkdocs.yaml`, if it has one. */
export function findMkdocsConfigFile(inputDir: string): string | undefined {
  return CONFIG_FILES.find(f => fs.existsSync(path.join(inputDir, f)));
}

/** The error a build fails with when its folder has no MkDocs config file. */
export function missingMkdocsConfig(): DocsBuildError {
  return new DocsBuildError(
    'mkdocs.yml',
    'not found: the docs folder needs an mkdocs.yml (or mkdocs.yaml) at its root',
  );
}

/** How mkdocs.yml's !ENV tag reads the environment. */
export type EnvOptions = {
  /** The variables !ENV may read. */
  envAllowlist: string[];
  /** Their values: the build sees no other variable of the backend. */
  env: Record<string, string>;
  warn: (message: string) => void;
};

/**
 * Reads mkdocs.yml as MkDocs does, with INHERIT and the !ENV tag. !ENV only
 * reads variables named in `envAllowlist`: the build runs inside the backend,
 * whose environment holds secrets a docs repository must not print.
 */
export function readMkdocsConfig(
  options: { inputDir: string } & EnvOptions,
): MkdocsConfig {
  const { inputDir } = options;
  const name = findMkdocsConfigFile(inputDir);
  if (!name) throw missingMkdocsConfig();
  const real = fs.realpathSync(path.join(inputDir, name));
  if (!isInside(fs.realpathSync(inputDir), real)) {
    throw new DocsBuildError(
      name,
      'is a symlink that leaves the docs repository, so it is not read',
    );
  }
  const raw = loadWithInherit(inputDir, path.join(inputDir, name), options, []);

  const siteName = raw.site_name;
  if (siteName === undefined || siteName === null || siteName === '') {
    throw new DocsBuildError(name, "'site_name' is required");
  }
  if (typeof siteName !== 'string') {
    throw new DocsBuildError(
      name,
      `'site_name' must be text, not ${kindOf(siteName)}`,
    );
  }
  const docsDirName = raw.docs_dir ?? 'docs';
  if (typeof docsDirName !== 'string') {
    throw new DocsBuildError(name, "'docs_dir' must be a folder name");
  }
  const docsDir = resolveInside(inputDir, inputDir, docsDirName, {
    file: name,
    what: 'docs_dir',
  });
  if (path.resolve(docsDir) === path.resolve(inputDir)) {
    // As MkDocs: the docs would hold mkdocs.yml and the whole repository.
    throw new DocsBuildError(
      name,
      `docs_dir '${docsDirName}' is the folder of ${name}; it must be a folder inside it`,
    );
  }
  if (!fs.existsSync(docsDir) || !fs.statSync(docsDir).isDirectory()) {
    throw new DocsBuildError(name, `docs_dir '${docsDirName}' is not a folder`);
  }
  if (raw.nav !== undefined && raw.nav !== null && !Array.isArray(raw.nav)) {
    throw new DocsBuildError(
      name,
      `'nav' must be a list, not ${kindOf(raw.nav)}`,
    );
  }
  const text = (key: string): string | undefined => {
    const value = raw[key];
    if (value === undefined || value === null || typeof value === 'string')
      return value ?? undefined;
    options.warn(
      `${name}: '${key}' must be text, not ${kindOf(value)}; it is ignored`,
    );
    return undefined;
  };

  return {
    file: name,
    siteName,
    siteDescription: text('site_description'),
    docsDir,
    // `nav:` with nothing, or an empty list, is MkDocs' default nav.
    nav: raw.nav?.length ? raw.nav : undefined,
    repoUrl: text('repo_url'),
    editUri: text('edit_uri'),
    siteUrl: text('site_url'),
    excludeDocs: patterns(raw.exclude_docs, 'exclude_docs', name, options.warn),
    notInNav: patterns(raw.not_in_nav, 'not_in_nav', name, options.warn),
    extraCss: fileList(raw.extra_css, 'extra_css', name, options.warn),
    extraJavascript: fileList(
      raw.extra_javascript,
      'extra_javascript',
      name,
      options.warn,
    ),
    markdownExtensions: configuredItems(
      raw.markdown_extensions,
      'markdown_extensions',
      name,
      options.warn,
    ),
    plugins: configuredItems(raw.plugins, 'plugins', name, options.warn),
  };
}

/** `exclude_docs` and `not_in_nav`: one multi-line string of patterns. */
function patterns(
  value: unknown,
  key: string,
  file: string,
  warn: (message: string) => void,
): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value === 'string') return value;
  warn(
    `${file}: '${key}' must be a text of gitignore-style patterns, one a line; it is ignored`,
  );
  return undefined;
}

/** `extra_css` and `extra_javascript`: a list of paths or URLs (extra_javascript's items may be `{path: ...}`). */
function fileList(
  value: unknown,
  key: string,
  file: string,
  warn: (message: string) => void,
): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) {
    warn(`${file}: '${key}' must be a list; it is ignored`);
    return [];
  }
  return value.flatMap(item => {
    if (typeof item === 'string') return [item];
    if (isPlainObject(item) && typeof item.path === 'string') {
      return [item.path];
    }
    warn(
      `${file}: ${key}: ${JSON.stringify(item)} is not a path; it is ignored`,
    );
    return [];
  });
}

/**
 * `markdown_extensions` and `plugins` as MkDocs reads them: a list of names
 * and one-key mappings (`[toc, {admonition: {}}]`), or a mapping of names to
 * options (`{toc: {permalink: true}, admonition: null}`). Anything else is
 * warned about and skipped.
 */
function configuredItems(
  value: unknown,
  key: string,
  file: string,
  warn: (message: string) => void,
): ConfiguredItem[] {
  if (value === undefined || value === null) return [];
  const optionsOf = (name: string, options: unknown): ConfiguredItem[] => {
    if (options === null || options === undefined)
      return [{ name, options: {} }];
    if (isPlainObject(options)) return [{ name, options }];
    warn(
      `${file}: ${key}: the options of '${name}' must be a mapping; '${name}' is used without them`,
    );
    return [{ name, options: {} }];
  };
  if (isPlainObject(value)) {
    return Object.entries(value).flatMap(([name, options]) =>
      optionsOf(name, options),
    );
  }
  if (!Array.isArray(value)) {
    warn(`${file}: '${key}' must be a list or a mapping; it is ignored`);
    return [];
  }
  return value.flatMap((item, i): ConfiguredItem[] => {
    if (typeof item === 'string' && item) return [{ name: item, options: {} }];
    if (isPlainObject(item) && Object.keys(item).length === 1) {
      const [[name, options]] = Object.entries(item);
      return optionsOf(name, options);
    }
    warn(
      `${file}: ${key}[${i}] must be a name or a mapping of one name to its options; it is ignored`,
    );
    return [];
  });
}

function loadWithInherit(
  inputDir: string,
  file: string,
  options: EnvOptions,
  seen: string[],
): Record<string, any> {
  const rel = path.relative(inputDir, file);
  if (seen.includes(file)) {
    throw new DocsBuildError(
      rel,
      `INHERIT forms a cycle: ${[...seen, file]
        .map(f => path.relative(inputDir, f))
        .join(' → ')}`,
    );
  }
  const parent = seen[seen.length - 1];
  if (!fs.existsSync(file)) {
    throw new DocsBuildError(
      path.relative(inputDir, parent ?? file),
      `INHERIT names ${rel}, which does not exist`,
    );
  }
  if (parent && fs.statSync(file).isDirectory()) {
    throw new DocsBuildError(
      path.relative(inputDir, parent),
      `INHERIT names ${rel}, which is a folder, not a file`,
    );
  }
  let text: string;
  try {
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new DocsBuildError(
      rel,
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? 'error'})`,
    );
  }
  const data = parseYaml(rel, text, options);
  if (data.INHERIT === undefined) {
    return data;
  }
  if (typeof data.INHERIT !== 'string' || !data.INHERIT) {
    throw new DocsBuildError(
      rel,
      `'INHERIT' must name the config file this one extends, not be ${kindOf(
        data.INHERIT,
      )}`,
    );
  }
  const parentFile = resolveInside(inputDir, path.dirname(file), data.INHERIT, {
    file: rel,
    what: 'INHERIT',
  });
  const { INHERIT: _parent, ...own } = data;
  return deepMerge(
    loadWithInherit(inputDir, parentFile, options, [...seen, file]),
    own,
  );
}

/** Aliases a config may expand: real configs use a few, an alias bomb millions. */
const MAX_ALIAS_COUNT = 1000;

const PYTHON_NAME_TAG = 'tag:yaml.org,2002:python/name:';

function parseYaml(
  file: string,
  text: string,
  options: EnvOptions,
): Record<string, any> {
  const envScalar = {
    tag: '!ENV',
    resolve: (value: string) => readEnv([value], file, options),
  };
  const envSeq = {
    tag: '!ENV',
    collection: 'seq' as const,
    resolve: (seq: unknown) => {
      const items = isSeq(seq)
        ? seq.items.map(i => (isScalar(i) ? i.value : i))
        : [];
      return readEnv(items as unknown[], file, options);
    },
  };
  const doc = parseDocument(text, {
    ...YAML_OPTIONS,
    customTags: [envScalar, envSeq],
    prettyErrors: true,
  });
  if (doc.errors.length) {
    const error = doc.errors[0];
    const [line, col] = error.linePos?.[0]
      ? [error.linePos[0].line, error.linePos[0].col]
      : [];
    throw new DocsBuildError(
      file,
      `YAML error${line ? ` at line ${line}, column ${col}` : ''}: ${
        error.message.split('\n')[0]
      }`,
    );
  }
  // `!!python/name:pymdownx.superfences.fence_code_format` (pymdownx's
  // formatters, Material's emoji index) names a Python object: kept as that
  // name, `!!python/name:<object>`, which the Markdown options read.
  visit(doc, {
    Scalar(_, node) {
      if (node.tag?.startsWith(PYTHON_NAME_TAG)) {
        node.value = `!!python/name:${node.tag.slice(PYTHON_NAME_TAG.length)}`;
        node.tag = undefined;
      }
    },
  });
  for (const warning of doc.warnings) {
    if (
      warning.code === 'TAG_RESOLVE_FAILED' &&
      !warning.message.includes(PYTHON_NAME_TAG)
    ) {
      // e.g. !!python/object/apply:... : kept as plain text.
      options.warn(
        `${file}: ${warning.message.split('\n')[0]}; the value is used as text`,
      );
    }
  }
  let data: any;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch (e) {
    // An alias bomb ("Excessive alias count"), or a tag that fails to resolve.
    throw new DocsBuildError(
      file,
      `YAML error: ${String((e as Error).message).split('\n')[0]}`,
    );
  }
  if (!isMap(doc.contents) || !data || typeof data !== 'object') {
    throw new DocsBuildError(
      file,
      'must be a YAML mapping (site_name: ..., nav: ...)',
    );
  }
  return data;
}

function readEnv(args: unknown[], file: string, options: EnvOptions) {
  const names = args.slice(0, Math.max(1, args.length - 1)).map(String);
  const fallback = args.length > 1 ? args[args.length - 1] : null;
  for (const name of names) {
    if (!options.envAllowlist.includes(name)) {
      options.warn(
        `${file}: !ENV ${name} is not in techdocs.nodeGenerator.envAllowlist, so it is not read`,
      );
      continue;
    }
    if (options.env[name] !== undefined) return options.env[name];
  }
  return fallback;
}

function deepMerge(
  base: Record<string, any>,
  over: Record<string, any>,
): Record<string, any> {
  const result: Record<string, any> = { ...base };
  for (const [key, value] of Object.entries(over)) {
    const current = Object.hasOwn(result, key) ? result[key] : undefined;
    // defineProperty: a `__proto__` key is a key like any other, as in MkDocs.
    Object.defineProperty(result, key, {
      value:
        isPlainObject(current) && isPlainObject(value)
          ? deepMerge(current, value)
          : value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return result;
}

/** What a YAML value is, as errors name it. */
function kindOf(value: unknown): string {
  if (value === null || value === undefined || value === '') return 'empty';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  if (typeof value === 'boolean') return `${value}`;
  if (typeof value === 'number') return `a number (${value})`;
  return `'${String(value)}'`;
}

function isPlainObject(value: unknown): value is Record<string, any> {
  return !!value && typeof value === 'object' && !Array.isArray(value);
}
