import {
  CompoundEntityRef,
  KubernetesValidatorFunctions,
} from '@backstage/catalog-model';

/**
 * Whether the ref's parts can name a published site's folders: a kind of
 * letters and digits, a valid namespace and name, so none holds a `/` or is
 * `..`.
 */
export function isSiteRef(ref: CompoundEntityRef): boolean {
  return (
    typeof ref.kind === 'string' &&
    /^[a-zA-Z][a-zA-Z0-9]*$/.test(ref.kind) &&
    KubernetesValidatorFunctions.isValidNamespace(ref.namespace) &&
    KubernetesValidatorFunctions.isValidObjectName(ref.name)
  );
}
