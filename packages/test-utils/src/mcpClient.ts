import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';

/** What a tool call answered: its text, its structured output, whether it is an error. */
export interface McpToolAnswer {
  isError: boolean;
  text: string;
  structured?: any;
}

/** An MCP client connected to a backend's MCP server, as an agent's would be. */
export interface McpTestClient {
  client: Client;
  /** The names of the tools the server lists to this caller. */
  toolNames(): Promise<string[]>;
  /** Calls a tool, answering its text content joined, and its structured content. */
  call(name: string, args?: Record<string, unknown>): Promise<McpToolAnswer>;
  close(): Promise<void>;
}

/**
 * Connects the official MCP TypeScript SDK's client over Streamable HTTP to
 * `url` (e.g. `http://localhost:7007/api/mcp-actions/v1`), sending
 * `authorization` as the Authorization header of every request.
 */
export async function connectMcp(
  url: string,
  authorization?: string,
): Promise<McpTestClient> {
  const client = new Client({ name: 'greenroom-test-agent', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL(url), {
    requestInit: {
      headers: authorization ? { Authorization: authorization } : {},
    },
  });
  await client.connect(transport);
  return {
    client,
    async toolNames() {
      const names: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await client.listTools(cursor ? { cursor } : {});
        names.push(...page.tools.map(t => t.name));
        cursor = page.nextCursor;
      } while (cursor);
      return names.sort();
    },
    async call(name, args = {}) {
      const result = await client.callTool({ name, arguments: args });
      const content = (result.content ?? []) as Array<{
        type: string;
        text?: string;
      }>;
      return {
        isError: !!result.isError,
        text: content
          .filter(c => c.type === 'text')
          .map(c => c.text)
          .join('\n'),
        structured: result.structuredContent,
      };
    },
    close: () => client.close(),
  };
}
