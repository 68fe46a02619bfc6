import { Config } from '@backstage/config';
import { JsonValue } from '@backstage/types';

const SECRET_KEY = /secret|password|token|privatekey/i;

/**
 * The string values of every config key named like a secret (clientSecret,
 * token, privateKey, bind.secret, password…), to take out of the log lines
 * the status repeats. The status itself never reads these keys.
 */
export function secretValues(config: Config): string[] {
  const found = new Set<string>();
  const walk = (value: JsonValue | undefined, secret: boolean) => {
    if (typeof value === 'string') {
      if (secret && value.length >= 4) found.add(value);
    } else if (Array.isArray(value)) {
      value.forEach(v => walk(v, secret));
    } else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value)) {
        walk(v, secret || SECRET_KEY.test(key));
      }
    }
  };
  walk(config.getOptional(), false);
  // the longest first, so that a secret containing another goes whole
  return [...found].sort((a, b) => b.length - a.length);
}

/** `text` with each of `secrets` replaced by ***. */
export function redact(text: string, secrets: string[]): string {
  return secrets.reduce((t, secret) => t.split(secret).join('***'), text);
}
