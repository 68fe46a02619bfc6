import { createServer, type Server } from 'node:http';

/** The service's HTTP server: a health check and a greeting. */
export function createApp(): Server {
  return createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://localhost');
    if (url.pathname === '/healthz') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ status: 'ok', service: '${{ values.name }}' }));
      return;
    }
    if (url.pathname === '/hello') {
      const name = url.searchParams.get('name') ?? 'world';
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ message: `Hello, ${name}!` }));
      return;
    }
    res.writeHead(404, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ error: `No route for ${url.pathname}` }));
  });
}
