import fs from 'node:fs';
import path from 'node:path';

/** An icon set of Material's shortcodes: its prefix, its npm package and how a name maps to a file there. */
type IconSet = {
  title: string;
  package: string;
  file: (name: string) => string | undefined;
};

const FONT_AWESOME_STYLES = new Set(['brands', 'regular', 'solid']);

const ICON_SETS: Record<string, IconSet> = {
  material: {
    title: 'Material Design Icons',
    package: '@mdi/svg',
    file: name => `svg/${name}.svg`,
  },
  fontawesome: {
    title: 'Font Awesome',
    package: '@fortawesome/fontawesome-free',
    file: name => {
      const dash = name.indexOf('-');
      const style = name.slice(0, dash);
      return dash > 0 && FONT_AWESOME_STYLES.has(style)
        ? `svgs/${style}/${name.slice(dash + 1)}.svg`
        : undefined;
    },
  },
  octicons: {
    title: 'Octicons',
    package: '@primer/octicons',
    file: name => `build/svg/${name}.svg`,
  },
  simple: {
    title: 'Simple Icons',
    package: 'simple-icons',
    file: name => `icons/${name}.svg`,
  },
};

/** Icon names are file names: nothing but lowercase words and dashes, never a path. */
const ICON_NAME = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

const packageDirs = new Map<string, string | undefined>();
const svgs = new Map<string, string | undefined>();

/**
 * The icon set a shortcode's name belongs to (`material-heart` is Material
 * Design Icons'), or undefined when it is not an icon's.
 */
export function iconSetOf(name: string): string | undefined {
  const dash = name.indexOf('-');
  return dash > 0 ? ICON_SETS[name.slice(0, dash)]?.title : undefined;
}

/**
 * The SVG of an icon shortcode's name (`material-heart`,
 * `fontawesome-brands-github`, `octicons-arrow-right-24`, `simple-github`),
 * as Material inlines it; undefined when the set has no such icon. A file is
 * read the first time a page uses its icon, then kept.
 */
export function iconSvg(name: string): string | undefined {
  if (svgs.has(name)) return svgs.get(name);
  const svg = readIcon(name);
  svgs.set(name, svg);
  return svg;
}

function readIcon(name: string): string | undefined {
  if (!ICON_NAME.test(name)) return undefined;
  const dash = name.indexOf('-');
  const set = ICON_SETS[name.slice(0, dash)];
  const file = set?.file(name.slice(dash + 1));
  if (!set || !file) return undefined;
  const dir = packageDir(set.package);
  if (!dir) return undefined;
  try {
    return cleanSvg(fs.readFileSync(path.join(dir, file), 'utf8'));
  } catch {
    return undefined;
  }
}

/** Where a package is installed (its `exports` may hide its package.json and icons from require.resolve). */
function packageDir(name: string): string | undefined {
  if (!packageDirs.has(name)) {
    const dir = require.resolve
      .paths(name)
      ?.map(base => path.join(base, name))
      .find(candidate => fs.existsSync(path.join(candidate, 'package.json')));
    packageDirs.set(name, dir);
  }
  return packageDirs.get(name);
}

/**
 * The icon files' SVG without what would clash or show in a page: comments,
 * titles (a tooltip), fixed sizes (the `twemoji` span sizes icons) and ids
 * (an icon used twice would repeat them).
 */
function cleanSvg(svg: string): string {
  return svg
    .replace(/<\?xml[^>]*>|<!--[\s\S]*?-->|<title>[\s\S]*?<\/title>/g, '')
    .replace(/<svg\b[^>]*>/, open =>
      open.replace(/\s(?:id|width|height|role|class)="[^"]*"/g, ''),
    )
    .trim();
}
