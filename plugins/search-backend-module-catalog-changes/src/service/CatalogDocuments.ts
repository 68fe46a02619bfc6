import { EntityFilterQuery } from '@backstage/catalog-client';
import { Entity, stringifyEntityRef } from '@backstage/catalog-model';
import { Config } from '@backstage/config';
import { CatalogEntityDocument } from '@backstage/plugin-catalog-common';
import { defaultCatalogCollatorEntityTransformer } from '@backstage/plugin-search-backend-module-catalog';

/** A catalog document as the collator writes it: always with its entity's ref. */
export type CatalogDocument = CatalogEntityDocument & {
  authorization: { resourceRef: string };
};

/** The document type the stock catalog collator indexes under. */
export const CATALOG_DOCUMENT_TYPE = 'software-catalog';

const CONFIG_KEY = 'search.collators.catalog';
const DEFAULT_LOCATION_TEMPLATE = '/catalog/:namespace/:kind/:name';

/**
 * Shapes entities into search documents exactly as the stock catalog
 * collator (`@backstage/plugin-search-backend-module-catalog`) does: its
 * exported entity transformer, its `authorization.resourceRef`, and its
 * `location` from `search.collators.catalog.locationTemplate`. The collator
 * factory itself is not exported, so the few lines that add `location` and
 * `authorization` are repeated here; the tests hold them to what a full run
 * writes.
 */
export class CatalogDocuments {
  private constructor(
    private readonly locationTemplate: string,
    /** `search.collators.catalog.filter`: entities outside it are not indexed */
    readonly filter: EntityFilterQuery | undefined,
  ) {}

  /** Reads the stock collator's `locationTemplate` and `filter`. */
  static fromConfig(config: Config): CatalogDocuments {
    const collator = config.getOptionalConfig(CONFIG_KEY);
    return new CatalogDocuments(
      collator?.getOptionalString('locationTemplate') ??
        DEFAULT_LOCATION_TEMPLATE,
      collator?.getOptional<EntityFilterQuery>('filter'),
    );
  }

  /** The document the stock catalog collator writes for `entity`. */
  toDocument(entity: Entity): CatalogDocument {
    return {
      ...defaultCatalogCollatorEntityTransformer(entity),
      authorization: { resourceRef: stringifyEntityRef(entity) },
      location: this.location(entity),
    };
  }

  private location(entity: Entity): string {
    const args = {
      namespace: encodeURIComponent(entity.metadata.namespace || 'default'),
      kind: encodeURIComponent(entity.kind),
      name: encodeURIComponent(entity.metadata.name),
    };
    let formatted = this.locationTemplate;
    for (const [key, value] of Object.entries(args)) {
      formatted = formatted.replace(`:${key}`, value);
    }
    return formatted.toLowerCase();
  }
}
