import http from 'node:http';
import { AddressInfo } from 'node:net';
import { mockCredentials, mockServices } from '@backstage/backend-test-utils';
import { TechDocsClient } from './TechDocsClient';

type Handler = (req: http.IncomingMessage, res: http.ServerResponse) => void;

const servers: http.Server[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) {
    server.closeAllConnections();
    await new Promise(resolve => server.close(resolve));
  }
});

/** TechDocs' backend on 127.0.0.1, answering with `handler`; records what it was asked. */
async function startTechDocs(handler: Handler) {
  const requests: Array<{
    url?: string;
    authorization?: string;
    accept?: string;
  }> = [];
  const server = http.createServer((req, res) => {
    requests.push({
      url: req.url,
      authorization: req.headers.authorization,
      accept: req.headers.accept,
    });
    handler(req, res);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  servers.push(server);
  const baseUrl = `http://127.0.0.1:${port}/api/techdocs`;
  const client = TechDocsClient.create({
    auth: mockServices.auth({ pluginId: 'scorecards' }),
    discovery: {
      getBaseUrl: async () => baseUrl,
      getExternalBaseUrl: async () => baseUrl,
    },
  });
  return { client, requests };
}

/** One event as TechDocs' router writes it (`createEventStream` in its router). */
const sse = (type: string, data: unknown) =>
  `event: ${type}\ndata: ${JSON.stringify(data)}\n\n`;

/** Answers with an event stream written in `chunks`, each one sent and flushed on its own. */
function eventStream(chunks: string[], { end = true } = {}): Handler {
  return async (_req, res) => {
    res.writeHead(200, {
      'Content-Type': 'text/event-stream',
      'Cache-Control': 'no-cache',
    });
    res.flushHeaders();
    for (const chunk of chunks) {
      // Waiting for the socket to take each chunk keeps them separate packets.
      await new Promise(resolve => res.write(chunk, resolve));
      await new Promise(resolve => setImmediate(resolve));
    }
    if (end) res.end();
  };
}

function json(status: number, body: unknown): Handler {
  return (_req, res) => {
    res.writeHead(status, { 'Content-Type': 'application/json' });
    res.end(JSON.stringify(body));
  };
}

const metadata = {
  site_name: 'Orders',
  site_description: null,
  etag: 'abc123',
  build_timestamp: 1_760_000_000_000,
  files: ['index.html', 'guide/index.html', 'techdocs_metadata.json'],
};

describe('TechDocsClient.getMetadata', () => {
  it("asks TechDocs for the entity's metadata with a service token for techdocs, and reads it", async () => {
    const { client, requests } = await startTechDocs(json(200, metadata));

    const result = await client.getMetadata('component:default/orders');

    expect(result).toEqual({
      site_name: 'Orders',
      etag: 'abc123',
      build_timestamp: 1_760_000_000_000,
      files: ['index.html', 'guide/index.html', 'techdocs_metadata.json'],
    });
    expect(requests).toEqual([
      expect.objectContaining({
        url: '/api/techdocs/metadata/techdocs/default/component/orders',
        authorization: `Bearer ${mockCredentials.service.token({
          onBehalfOf: mockCredentials.service('plugin:scorecards'),
          targetPluginId: 'techdocs',
        })}`,
      }),
    ]);
  });

  it('takes an entity or a compound ref, and encodes each part of the path as the entity spells it', async () => {
    const { client, requests } = await startTechDocs(json(200, {}));

    await client.getMetadata({
      apiVersion: 'backstage.io/v1alpha1',
      kind: 'Component',
      metadata: { name: 'Orders' },
    });
    await client.getMetadata({ kind: 'API', namespace: 'team a', name: 'x#1' });

    expect(requests.map(r => r.url)).toEqual([
      '/api/techdocs/metadata/techdocs/default/Component/Orders',
      '/api/techdocs/metadata/techdocs/team%20a/API/x%231',
    ]);
  });

  it('gives undefined when TechDocs has no site for the entity (404)', async () => {
    const { client } = await startTechDocs(
      json(404, {
        error: { name: 'NotFoundError', message: 'Unable to get metadata' },
      }),
    );
    await expect(
      client.getMetadata('component:default/orders'),
    ).resolves.toBeUndefined();
  });

  it('throws an error naming the entity and the status when TechDocs fails', async () => {
    const { client } = await startTechDocs(
      json(500, { error: { name: 'Error', message: 'storage is down' } }),
    );
    await expect(
      client.getMetadata('component:default/orders'),
    ).rejects.toThrow(
      /^TechDocs could not give the metadata of component:default\/orders; caused by ResponseError: Request failed with 500/,
    );
  });

  it('throws an error naming the field when the metadata is malformed', async () => {
    const { client } = await startTechDocs(
      json(200, { ...metadata, build_timestamp: 'yesterday' }),
    );
    await expect(
      client.getMetadata('component:default/orders'),
    ).rejects.toThrow(
      'TechDocs metadata of component:default/orders: build_timestamp is "yesterday", not a number of milliseconds',
    );
  });
});

describe('TechDocsClient.sync', () => {
  it('asks for an event stream and gives the finish event, after log events and keep-alive comments', async () => {
    const { client, requests } = await startTechDocs(
      eventStream([
        ': keep-alive\n\n',
        sse('log', "INFO Built 2 pages of 'Orders'"),
        sse('finish', { updated: true }),
      ]),
    );

    await expect(client.sync('component:default/orders')).resolves.toEqual({
      type: 'finish',
      updated: true,
    });
    expect(requests).toEqual([
      expect.objectContaining({
        url: '/api/techdocs/sync/default/component/orders',
        accept: 'text/event-stream',
      }),
    ]);
  });

  it('reads an event split across chunks, with \\r\\n line ends', async () => {
    const { client } = await startTechDocs(
      eventStream([
        'event: log\r\ndata: "building"\r\n\r\nevent: fin',
        'ish\r',
        '\ndata: {"upd',
        'ated":false}\r\n\r\n',
      ]),
    );
    await expect(client.sync('component:default/orders')).resolves.toEqual({
      type: 'finish',
      updated: false,
    });
  });

  it("gives a failed build as an error outcome with TechDocs' message", async () => {
    const { client } = await startTechDocs(
      eventStream([
        sse('log', 'ERROR No mkdocs.yml'),
        sse(
          'error',
          'Failed to build the docs page for entity component:default/orders: No mkdocs.yml',
        ),
      ]),
    );
    await expect(client.sync('component:default/orders')).resolves.toEqual({
      type: 'error',
      message:
        'Failed to build the docs page for entity component:default/orders: No mkdocs.yml',
    });
  });

  it('joins the lines of a multi-line data field', async () => {
    const { client } = await startTechDocs(
      eventStream(['event: error\ndata: first line\ndata: second line\n\n']),
    );
    await expect(client.sync('component:default/orders')).resolves.toEqual({
      type: 'error',
      message: 'first line\nsecond line',
    });
  });

  it('throws an error naming the entity when the stream ends without an outcome', async () => {
    const { client } = await startTechDocs(
      eventStream([
        sse('log', 'building'),
        'event: finish\ndata: {"updated":true}',
      ]),
    );
    await expect(client.sync('component:default/orders')).rejects.toThrow(
      'TechDocs ended the build of the docs of component:default/orders without a finish or error event',
    );
  });

  it('throws an error naming the entity and the status when TechDocs refuses the request', async () => {
    const { client } = await startTechDocs(
      json(404, {
        error: {
          name: 'NotFoundError',
          message: 'Entity metadata UID missing',
        },
      }),
    );
    await expect(client.sync('component:default/orders')).rejects.toThrow(
      /^TechDocs refused to build the docs of component:default\/orders; caused by ResponseError: Request failed with 404/,
    );
  });

  it('throws an error naming the entity and the time limit when the build runs past its timeout', async () => {
    const { client } = await startTechDocs(
      eventStream([sse('log', 'still building')], { end: false }),
    );
    await expect(
      client.sync('component:default/orders', {
        timeout: { milliseconds: 300 },
      }),
    ).rejects.toThrow(
      /^TechDocs did not finish building the docs of component:default\/orders within 0.3 s/,
    );
  });

  it("stops when the caller's signal aborts", async () => {
    const controller = new AbortController();
    const { client } = await startTechDocs((_req, res) => {
      res.writeHead(200, { 'Content-Type': 'text/event-stream' });
      res.write(sse('log', 'still building'), () => controller.abort());
    });
    await expect(
      client.sync('component:default/orders', {
        signal: controller.signal,
        timeout: { minutes: 1 },
      }),
    ).rejects.toMatchObject({ name: 'AbortError' });
  });
});

describe('TechDocsClient.getBuildStates', () => {
  /** The build-states route: each requested ref's state, recording each request body. */
  function buildStates(bodies: Array<{ entityRefs: string[] }>): Handler {
    return (req, res) => {
      let text = '';
      req.on('data', chunk => (text += chunk));
      req.on('end', () => {
        const body = JSON.parse(text);
        bodies.push(body);
        json(200, {
          items: body.entityRefs.map((entityRef: string) => ({
            entityRef,
            status: 'built',
            buildFails: false,
            failure: null,
            published: true,
            builtAt: 1_760_000_000_000,
            pageCount: 2,
          })),
        })(req, res);
      });
    };
  }

  it('posts the refs with a service token for techdocs, in one request per 1000 entities, and gives the states in order', async () => {
    const bodies: Array<{ entityRefs: string[] }> = [];
    const { client, requests } = await startTechDocs(buildStates(bodies));
    const refs = Array.from(
      { length: 2500 },
      (_, i) => `component:default/c${i}`,
    );

    const states = await client.getBuildStates([
      ...refs.slice(0, 2499),
      { kind: 'Component', namespace: 'default', name: 'c2499' },
    ]);

    expect(states.map(s => s.entityRef)).toEqual(refs);
    expect(bodies.map(b => b.entityRefs.length)).toEqual([1000, 1000, 500]);
    expect(requests[0]).toEqual({
      url: '/api/techdocs/node-generator/build-states',
      authorization: `Bearer ${mockCredentials.service.token({
        onBehalfOf: mockCredentials.service('plugin:scorecards'),
        targetPluginId: 'techdocs',
      })}`,
      accept: expect.anything(),
    });
  });

  it('throws an error naming the entities and the status when TechDocs fails', async () => {
    const { client } = await startTechDocs(
      json(403, { error: { name: 'NotAllowedError', message: 'no' } }),
    );
    await expect(
      client.getBuildStates(['component:default/a', 'component:default/b']),
    ).rejects.toThrow(
      /^TechDocs could not give the docs build states of 2 entities \(component:default\/a, …\); caused by ResponseError: Request failed with 403/,
    );
  });

  it('throws when TechDocs gives fewer states than refs asked for', async () => {
    const { client } = await startTechDocs(json(200, { items: [] }));
    await expect(
      client.getBuildStates(['component:default/a']),
    ).rejects.toThrow('TechDocs gave 0 docs build states for 1 entities');
  });
});
