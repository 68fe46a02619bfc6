import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { exited } from './exited';
import { freePort } from './freePort';
import { waitUntil } from './waitUntil';

const HAPROXY = '/usr/sbin/haproxy';

/** One server behind the proxy: a name and its port on 127.0.0.1. */
export type HaproxyServer = { name: string; port: number };

/** A server's state as HAProxy's health checks see it. */
export type HaproxyServerState = {
  name: string;
  /** `UP`, `DOWN`, `MAINT`, or a transition such as `UP 1/2` */
  status: string;
};

/** A running HAProxy from {@link startHaproxy}. */
export type Haproxy = {
  /** `http://127.0.0.1:<port>`, where requests are balanced */
  url: string;
  /** What the health checks say of each server now. */
  servers(): Promise<HaproxyServerState[]>;
  /** Stops the proxy and removes its directory; calling it again does nothing. */
  stop(): Promise<void>;
};

/**
 * The configuration: round robin over the servers, each checked every
 * second on `healthPath`, with 3 s to answer (down after 2 failures, up
 * after 2 passes), as a Kubernetes Service follows its pods' readiness (the
 * chart's probe also gives 3 s). A request whose connection
 * fails or is cut before a response is tried again, on another server.
 */
function config(options: {
  port: number;
  statsPort: number;
  servers: HaproxyServer[];
  healthPath: string;
}): string {
  return `global
  maxconn 4096

defaults
  mode http
  timeout connect 2s
  timeout client 60s
  timeout server 60s
  timeout http-keep-alive 10s
  retries 3
  option redispatch 1
  retry-on conn-failure empty-response response-timeout

frontend portal
  bind 127.0.0.1:${options.port}
  default_backend replicas

backend replicas
  balance roundrobin
  option httpchk GET ${options.healthPath}
  http-check expect status 200
  timeout check 3s
  default-server inter 1s fall 2 rise 2 on-marked-down shutdown-sessions
${options.servers
  .map(s => `  server ${s.name} 127.0.0.1:${s.port} check`)
  .join('\n')}

frontend stats
  bind 127.0.0.1:${options.statsPort}
  stats enable
  stats uri /stats
`;
}

/**
 * Starts Debian's HAProxy (`apt-get install haproxy`) in front of `servers`
 * on a free port of 127.0.0.1, in a directory of its own, and resolves once
 * it accepts requests (not once the servers are up: see `servers()`).
 */
export async function startHaproxy(options: {
  servers: HaproxyServer[];
  /** The path every server answers 200 on when it can take requests. */
  healthPath: string;
  /** Where it listens on 127.0.0.1; a free port by default. */
  port?: number;
}): Promise<Haproxy> {
  if (!fs.existsSync(HAPROXY)) {
    throw new Error(
      "Debian's haproxy is not installed: apt-get install haproxy",
    );
  }
  const port = options.port ?? (await freePort());
  const statsPort = await freePort();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'haproxy-'));
  const file = path.join(dir, 'haproxy.cfg');
  fs.writeFileSync(file, config({ ...options, port, statsPort }));
  const output: string[] = [];
  const child = spawn(HAPROXY, ['-db', '-f', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout!.on('data', d => output.push(String(d)));
  child.stderr!.on('data', d => output.push(String(d)));
  const killOnExit = () => child.kill('SIGKILL');
  process.on('exit', killOnExit);
  let stopped: Promise<void> | undefined;
  const stop = () => {
    stopped ??= (async () => {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
      await exited(child);
      clearTimeout(timer);
      process.off('exit', killOnExit);
      fs.rmSync(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  const servers = async (): Promise<HaproxyServerState[]> => {
    const res = await fetch(`http://127.0.0.1:${statsPort}/stats;csv`);
    const [header, ...rows] = (await res.text())
      .replace(/^# /, '')
      .trim()
      .split('\n')
      .map(line => line.split(','));
    const column = (name: string) => header.indexOf(name);
    return rows
      .filter(r => r[column('pxname')] === 'replicas')
      .filter(r => !['FRONTEND', 'BACKEND'].includes(r[column('svname')]))
      .map(r => ({ name: r[column('svname')], status: r[column('status')] }));
  };

  try {
    await waitUntil(
      async () => {
        if (child.exitCode !== null) {
          throw new Error(
            `haproxy exited (${child.exitCode}): ${output.join('').trim()}`,
          );
        }
        return servers().then(
          () => true,
          () => false,
        );
      },
      { timeoutMs: 10_000, intervalMs: 100, what: 'haproxy to listen' },
    );
  } catch (error) {
    await stop();
    throw error;
  }
  return { url: `http://127.0.0.1:${port}`, servers, stop };
}
