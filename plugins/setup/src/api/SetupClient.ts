import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import { DefaultApiClient, SetupStatus } from '@internal/plugin-setup-common';
import { SetupApi } from './SetupApi';

/** Talks to the setup backend through the client generated from its OpenAPI spec. */
export class SetupClient implements SetupApi {
  private readonly client: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DefaultApiClient(options);
  }

  async getStatus(): Promise<SetupStatus> {
    const res = await this.client.getStatus({});
    if (!res.ok) {
      throw await ResponseError.fromResponse(res as Response);
    }
    return await res.json();
  }
}
