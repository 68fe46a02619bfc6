/**
 * How mkdocs.yml, `.pages` and front matter are parsed: a repeated key keeps
 * its last value, as PyYAML (MkDocs' parser) does, instead of being an error
 * (and the `yaml` library's check for repeated keys is quadratic in their
 * number in block options).
 */
export const YAML_OPTIONS = { uniqueKeys: false } as const;
