import { TechDocsSiteMetadata } from './types';

const stringFields = ['site_name', 'site_description', 'etag'] as const;

/**
 * Checks the fields of a site's `techdocs_metadata.json` that have a meaning
 * here, and keeps the others as they are.
 *
 * @param text - the response body
 * @param ref - the entity ref, for the error message
 */
export function parseMetadata(text: string, ref: string): TechDocsSiteMetadata {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw new Error(`TechDocs metadata of ${ref} is not JSON: ${text}`);
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new Error(
      `TechDocs metadata of ${ref} is not a JSON object: ${text}`,
    );
  }
  const fields = value as Record<string, unknown>;
  const wrong = (field: string, expected: string) =>
    new Error(
      `TechDocs metadata of ${ref}: ${field} is ${JSON.stringify(
        fields[field],
      )}, not ${expected}`,
    );

  const metadata: Record<string, unknown> = { ...fields };
  for (const [field, v] of Object.entries(fields)) {
    if (v === null) delete metadata[field];
  }
  for (const field of stringFields) {
    if (field in metadata && typeof metadata[field] !== 'string') {
      throw wrong(field, 'a string');
    }
  }
  const timestamp = metadata.build_timestamp;
  if (
    timestamp !== undefined &&
    (typeof timestamp !== 'number' || !Number.isFinite(timestamp))
  ) {
    throw wrong('build_timestamp', 'a number of milliseconds');
  }
  const files = metadata.files;
  if (
    files !== undefined &&
    !(Array.isArray(files) && files.every(f => typeof f === 'string'))
  ) {
    throw wrong('files', 'a list of paths');
  }
  return metadata as TechDocsSiteMetadata;
}
