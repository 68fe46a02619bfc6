import { createBackendPlugin } from '@backstage/backend-plugin-api';
import { createBackend } from '@backstage/backend-defaults';
import { mockServices } from '@backstage/backend-test-utils';
import authPlugin from '@backstage/plugin-auth-backend';
import guestProvider from '@backstage/plugin-auth-backend-module-guest-provider';
import eventsPlugin from '@backstage/plugin-events-backend';
import { EventsService, eventsServiceRef } from '@backstage/plugin-events-node';
import notificationsPlugin from '@backstage/plugin-notifications-backend';
import {
  NotificationService,
  notificationService,
} from '@backstage/plugin-notifications-node';
import signalsPlugin from '@backstage/plugin-signals-backend';
import {
  SignalsService,
  signalsServiceRef,
} from '@backstage/plugin-signals-node';
import {
  createTestDatabases,
  freePort,
  sharedPluginDatabases,
  waitUntil,
} from '@internal/test-utils';
import WebSocket from 'ws';

// Events cross replicas: two real backends (createBackend, as production
// runs them; the test backend's router has no WebSocket support) on one
// Postgres, a database per plugin shared by both, each with the stock events
// bus, signals, notifications and auth (guest sign-in for a user token). What
// one replica publishes reaches subscribers and browsers on the other: the
// events bus (which carries the catalog's change feed to scorecards, docs and
// search), signals, and notifications with their signal.

jest.setTimeout(120_000);

const databases = createTestDatabases();
/** Where people reach the portal: the load balancer, not a replica. */
const PUBLIC_URL = 'http://greenroom.replicas.test';
/** Who the guest provider signs in. */
const GUEST = 'user:development/guest';

type Replica = {
  url: string;
  events: EventsService;
  signals: SignalsService;
  notifications: NotificationService;
};

/** A plugin that keeps the services another plugin would publish with. */
const publisher = (onInit: (services: Omit<Replica, 'url'>) => void) =>
  createBackendPlugin({
    pluginId: 'publisher',
    register(env) {
      env.registerInit({
        deps: {
          events: eventsServiceRef,
          signals: signalsServiceRef,
          notifications: notificationService,
        },
        async init({ events, signals, notifications }) {
          onInit({ events, signals, notifications });
        },
      });
    },
  });

/** A user token from a replica's sign-in, as the browser gets one. */
async function signIn(url: string): Promise<string> {
  const res = await fetch(`${url}/api/auth/guest/refresh`, {
    headers: { 'X-Requested-With': 'XMLHttpRequest' },
  });
  if (!res.ok)
    throw new Error(`guest sign-in: ${res.status} ${await res.text()}`);
  const body = await res.json();
  return body.backstageIdentity.token;
}

/** A browser's signals connection to a replica, with what it received. */
async function connectSignals(url: string, token: string, channels: string[]) {
  const received: Array<{ channel: string; message: any }> = [];
  const socket = new WebSocket(`${url.replace('http', 'ws')}/api/signals`, {
    headers: { Authorization: `Bearer ${token}` },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('open', () => resolve());
    socket.once('error', reject);
  });
  socket.on('message', data => received.push(JSON.parse(String(data))));
  // a reset while the replicas stop is not the test's concern
  socket.on('error', () => {});
  for (const channel of channels) {
    socket.send(JSON.stringify({ action: 'subscribe', channel }));
  }
  return { received, close: () => socket.close() };
}

describe('events across two replicas on one database', () => {
  const database = sharedPluginDatabases(databases);
  const stops: Array<() => Promise<void>> = [];

  const startReplica = async (): Promise<Replica> => {
    let services: Omit<Replica, 'url'> | undefined;
    const port = await freePort();
    const url = `http://localhost:${port}`;
    const backend = createBackend();
    backend.add(
      mockServices.rootConfig.factory({
        data: {
          // One address for both, as behind production's load balancer (it
          // is in the tokens the auth backend signs); each replica's plugins
          // call their own replica, on its listen port.
          app: { baseUrl: PUBLIC_URL },
          backend: { baseUrl: PUBLIC_URL, listen: { port } },
          events: {
            // as app-config.yaml: a subscription that meets a 404 while the
            // events backend starts is retried, not dropped to local events
            useEventBus: 'always',
            // the bus's long polls end within 2 s, so a replica stops quickly
            notifyTimeoutMs: 2000,
          },
          auth: {
            environment: 'development',
            providers: { guest: { dangerouslyAllowOutsideDevelopment: true } },
          },
        },
      }),
    );
    backend.add(database);
    backend.add(mockServices.rootLogger.factory({ level: 'warn' }));
    for (const feature of [
      authPlugin,
      guestProvider,
      eventsPlugin,
      signalsPlugin,
      notificationsPlugin,
      publisher(s => (services = s)),
    ]) {
      backend.add(feature);
    }
    // stopped after the tests even when its start fails
    stops.push(() => backend.stop());
    await backend.start();
    return { ...services!, url };
  };

  let a: Replica;
  let b: Replica;
  beforeAll(async () => {
    a = await startReplica();
    b = await startReplica();
  });
  afterAll(async () => {
    await Promise.all(stops.map(stop => stop()));
  });

  it('delivers an event published on one replica to a subscriber on the other', async () => {
    const onB: number[] = [];
    await b.events.subscribe({
      id: 'replica-b-subscriber',
      topics: ['greenroom.test'],
      async onEvent(event) {
        onB.push((event.eventPayload as { n: number }).n);
      },
    });

    // The subscription is created on the bus once its first poll runs, and
    // gets what is published from then on: publish until one arrives.
    let published = 0;
    await waitUntil(
      async () => {
        await a.events.publish({
          topic: 'greenroom.test',
          eventPayload: { n: ++published },
        });
        return onB.length > 0;
      },
      {
        timeoutMs: 30_000,
        what: () => `an event of ${published} on replica b`,
      },
    );
    expect(onB.every(n => n >= 1 && n <= published)).toBe(true);
    expect(new Set(onB).size).toBe(onB.length); // each once
  });

  it('pushes a signal and a notification sent on one replica to a browser connected to the other', async () => {
    // signed in on replica a, connected to replica b: a session that moved
    const token = await signIn(a.url);
    const browser = await connectSignals(b.url, token, [
      'greenroom-test',
      'notifications',
    ]);
    try {
      // the subscription is registered once the server has read it: a signal
      // sent before that would be lost, as for a browser that connects late
      await waitUntil(
        async () => {
          await a.signals.publish({
            recipients: { type: 'user', entityRef: GUEST },
            channel: 'greenroom-test',
            message: { hello: 'from replica a' },
          });
          return browser.received.some(m => m.channel === 'greenroom-test');
        },
        {
          timeoutMs: 30_000,
          what: () =>
            `the signal on replica b (got ${JSON.stringify(browser.received)})`,
        },
      );
      expect(
        browser.received.find(m => m.channel === 'greenroom-test'),
      ).toEqual({
        channel: 'greenroom-test',
        message: { hello: 'from replica a' },
      });

      await a.notifications.send({
        recipients: { type: 'broadcast' },
        payload: { title: 'Payments API dropped to bronze', severity: 'high' },
      });
      await waitUntil(
        async () => browser.received.some(m => m.channel === 'notifications'),
        {
          timeoutMs: 30_000,
          what: () =>
            `the notification's signal on replica b (got ${JSON.stringify(
              browser.received,
            )})`,
        },
      );
      const res = await fetch(`${b.url}/api/notifications/notifications`, {
        headers: { Authorization: `Bearer ${token}` },
      });
      expect(res.status).toBe(200);
      const { notifications } = await res.json();
      expect(
        notifications.map(
          (n: { payload: { title: string } }) => n.payload.title,
        ),
      ).toEqual(['Payments API dropped to bronze']);
      expect(browser.received.find(m => m.channel === 'notifications')).toEqual(
        {
          channel: 'notifications',
          message: {
            action: 'new_notification',
            notification_id: notifications[0].id,
          },
        },
      );
    } finally {
      browser.close();
    }
  });
});
