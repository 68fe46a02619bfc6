import { KubeObject } from './helm';

type Container = {
  name: string;
  image?: string;
  env?: Array<{ name: string; value?: string; valueFrom?: unknown }>;
  startupProbe?: unknown;
  readinessProbe?: unknown;
  livenessProbe?: unknown;
  resources?: {
    requests?: Record<string, unknown>;
    limits?: Record<string, unknown>;
  };
  securityContext?: {
    runAsNonRoot?: boolean;
    runAsUser?: number;
    allowPrivilegeEscalation?: boolean;
  };
};

type PodSpec = {
  securityContext?: { runAsNonRoot?: boolean; runAsUser?: number };
  containers: Container[];
  initContainers?: Container[];
};

const SECRET_NAME = /(SECRET|PASSWORD|PRIVATE_KEY|TOKEN)$/;

/** The pod template of a workload, if the object is one. */
function podSpecOf(object: KubeObject): PodSpec | undefined {
  const spec = object.spec as
    | { template?: { spec?: PodSpec }; jobTemplate?: any }
    | undefined;
  return spec?.template?.spec ?? spec?.jobTemplate?.spec?.template?.spec;
}

/**
 * Greenroom's own rules for what it deploys, beyond Kubernetes' schemas:
 * every container has startup, readiness and liveness probes, an image with
 * a tag that is not `latest`, requests and limits for CPU and memory, runs as
 * a non-root user without privilege escalation, and takes nothing secret
 * from an inline value; no Secret is rendered at all. Returns one line per
 * problem, naming the object and container.
 */
export function manifestProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const where = `${object.kind} ${object.metadata.name}`;
    if (object.kind === 'Secret') {
      problems.push(
        `${where}: the chart renders a Secret; secrets come from a Secret the company creates`,
      );
    }
    const pod = podSpecOf(object);
    if (!pod) continue;
    for (const c of [...pod.containers, ...(pod.initContainers ?? [])]) {
      const at = `${where}, container ${c.name}`;
      const image = c.image ?? '';
      const tag = image.includes('@')
        ? 'digest'
        : image.slice(image.lastIndexOf('/') + 1).split(':')[1];
      if (!tag || tag === 'latest') {
        problems.push(
          `${at}: image '${image}' has no immutable tag (none, or latest)`,
        );
      }
      for (const probe of [
        'startupProbe',
        'readinessProbe',
        'livenessProbe',
      ] as const) {
        if (!c[probe] && !pod.initContainers?.includes(c)) {
          problems.push(`${at}: no ${probe}`);
        }
      }
      for (const kind of ['requests', 'limits'] as const) {
        for (const resource of ['cpu', 'memory']) {
          if (c.resources?.[kind]?.[resource] === undefined) {
            problems.push(`${at}: no ${resource} in resources.${kind}`);
          }
        }
      }
      const nonRoot =
        c.securityContext?.runAsNonRoot ?? pod.securityContext?.runAsNonRoot;
      const user =
        c.securityContext?.runAsUser ?? pod.securityContext?.runAsUser;
      if (nonRoot !== true || user === 0) {
        problems.push(`${at}: may run as root (runAsNonRoot is not true)`);
      }
      if (c.securityContext?.allowPrivilegeEscalation !== false) {
        problems.push(`${at}: allowPrivilegeEscalation is not false`);
      }
      for (const env of c.env ?? []) {
        const inline = env.value ?? '';
        if (
          (SECRET_NAME.test(env.name) && env.value !== undefined) ||
          /:\/\/[^/@\s]*:[^/@\s]+@/.test(inline)
        ) {
          problems.push(
            `${at}: ${env.name} is given inline; take it from a Secret`,
          );
        }
      }
    }
  }
  return problems;
}
