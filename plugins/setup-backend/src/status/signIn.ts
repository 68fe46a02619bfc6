import { Config } from '@backstage/config';
import {
  MissingSetting,
  SetupChoice,
  SignInProvider,
  SignInStatus,
} from '@internal/plugin-setup-common';
import { CHOICES, missing } from './variables';

/** Where each kind of provider sends people to sign in, when its config says. */
const TARGET_KEYS: Record<string, string> = {
  oidc: 'metadataUrl',
  microsoft: 'tenantId',
  gitlab: 'audience',
  github: 'enterpriseInstanceUrl',
};

/** The sign-in providers Greenroom's production config sets up, by id. */
const KNOWN = {
  oidc: CHOICES.oidc,
  github: CHOICES.github,
  microsoft: CHOICES.microsoft,
  gitlab: CHOICES.gitlab,
} as Record<string, SetupChoice | undefined>;

/**
 * The sign-in providers of the current auth environment: configured under
 * auth.providers, offered by the sign-in page (greenroom.signIn.providers),
 * or both. Only ids and where people sign in are read, never credentials.
 */
export function readSignIn(config: Config): SignInStatus {
  const environment =
    config.getOptionalString('auth.environment') ?? 'development';
  const providersConfig = config.getOptionalConfig('auth.providers');
  const offered = new Set(
    config.getOptionalStringArray('greenroom.signIn.providers') ?? [],
  );
  const ids = new Set([...(providersConfig?.keys() ?? []), ...offered]);

  const providers = [...ids].sort().map((id): SignInProvider => {
    // guest has no per-environment settings
    const settings =
      id === 'guest'
        ? providersConfig?.getOptionalConfig(id)
        : providersConfig?.getOptionalConfig(`${id}.${environment}`);
    const targetKey = TARGET_KEYS[id];
    const target = targetKey && settings?.getOptionalString(targetKey);
    return {
      id,
      configured: Boolean(settings),
      offered: offered.has(id),
      ...(target && { target }),
    };
  });
  return { environment, providers };
}

/** What sign-in lacks: a real provider, or the settings of one the page offers. */
export function missingSignIn(signIn: SignInStatus): MissingSetting[] {
  const result: MissingSetting[] = [];
  if (!signIn.providers.some(p => p.id !== 'guest' && p.configured)) {
    result.push(
      missing(
        'signIn',
        `No sign-in provider for the ${signIn.environment} environment`,
        [CHOICES.oidc, CHOICES.github, CHOICES.microsoft, CHOICES.gitlab],
      ),
    );
  }
  for (const p of signIn.providers) {
    const known = KNOWN[p.id];
    if (p.offered && !p.configured && known) {
      result.push(
        missing(
          'signIn',
          `The sign-in page offers ${known.title}, but it has no settings for the ${signIn.environment} environment`,
          [known],
        ),
      );
    }
  }
  return result;
}
