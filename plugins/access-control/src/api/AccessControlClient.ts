import { ResponseError } from '@backstage/errors';
import { DiscoveryApi, FetchApi } from '@backstage/frontend-plugin-api';
import {
  DefaultApiClient,
  PolicyExport,
  RoleList,
  RoleMember,
  Simulation,
  SimulationRequest,
  TypedResponse,
} from '@internal/plugin-access-control-common';
import { AccessControlApi } from './AccessControlApi';

/** Talks to the permission backend through the client generated from its OpenAPI spec. */
export class AccessControlClient implements AccessControlApi {
  private readonly client: DefaultApiClient;

  constructor(options: { discoveryApi: DiscoveryApi; fetchApi: FetchApi }) {
    this.client = new DefaultApiClient(options);
  }

  async listRoles(): Promise<RoleList> {
    return this.request(this.client.listRoles({}));
  }

  async grantRole(role: string, member: string): Promise<RoleMember> {
    return this.request(
      this.client.grantRole({ path: { role }, body: { member } }),
    );
  }

  async revokeRole(role: string, member: string): Promise<void> {
    await this.request(
      this.client.revokeRole({ path: { role }, body: { member } }),
    );
  }

  async exportPolicy(): Promise<PolicyExport> {
    return this.request(this.client.exportPolicy({}));
  }

  async simulate(request: SimulationRequest): Promise<Simulation> {
    return this.request(this.client.simulate({ body: request }));
  }

  /**
   * The body of a response, or a ResponseError carrying the server's error
   * when it is not ok. A response without a body (204) gives undefined.
   */
  private async request<T>(pending: Promise<TypedResponse<T>>): Promise<T> {
    const res = await pending;
    if (!res.ok) {
      throw await ResponseError.fromResponse(res as Response);
    }
    if (res.status === 204) {
      return undefined as T;
    }
    return await res.json();
  }
}
