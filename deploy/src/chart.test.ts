import fs from 'node:fs';
import path from 'node:path';
import { KubeObject, lintChart, renderChart } from './helm';
import { manifestProblems } from './manifestRules';
import { schemaProblems } from './schemaProblems';

jest.setTimeout(120_000);

/** What a company sets whatever its size (`helm install --set ...`). */
const company = {
  'image.repository': 'registry.example.com/platform/greenroom',
  'image.tag': '1.4.2',
  baseUrl: 'https://portal.example.com',
  existingSecret: 'greenroom',
  'postgres.host': 'postgres.internal',
};

const repoRoot = path.resolve(__dirname, '../..');

const byKind = (objects: KubeObject[], kind: string) =>
  objects.filter(o => o.kind === kind);
const deploymentOf = (objects: KubeObject[]) => {
  const [deployment] = byKind(objects, 'Deployment') as any[];
  return deployment;
};
const envOf = (objects: KubeObject[]) =>
  Object.fromEntries(
    deploymentOf(objects).spec.template.spec.containers[0].env.map((e: any) => [
      e.name,
      e.value ?? e.valueFrom,
    ]),
  );

describe('the Helm chart', () => {
  describe.each(['values-small.yaml', 'values-large.yaml'])(
    'with %s',
    valuesFile => {
      let objects: KubeObject[];
      beforeAll(async () => {
        objects = await renderChart({
          valuesFiles: [valuesFile],
          set: company,
        });
      });

      it('passes helm lint --strict', async () => {
        await expect(
          lintChart({ valuesFiles: [valuesFile], set: company }),
        ).resolves.toBeUndefined();
      });

      it("renders only objects that Kubernetes' schemas accept", () => {
        expect(objects.map(o => o.kind).sort()).toEqual(
          expect.arrayContaining([
            'ConfigMap',
            'Deployment',
            'Ingress',
            'PodDisruptionBudget',
            'Service',
            'ServiceAccount',
          ]),
        );
        expect(schemaProblems(objects)).toEqual([]);
      });

      it('keeps our rules: probes, tagged images, limits, non-root, no inline secrets', () => {
        expect(manifestProblems(objects)).toEqual([]);
      });

      it('runs replicas that roll one at a time and survive a node drain', () => {
        const deployment = deploymentOf(objects);
        const [hpa] = byKind(objects, 'HorizontalPodAutoscaler') as any[];
        const replicas = hpa ? hpa.spec.minReplicas : deployment.spec.replicas;
        expect(replicas).toBeGreaterThanOrEqual(2);
        expect(deployment.spec.strategy.rollingUpdate).toEqual({
          maxSurge: 1,
          maxUnavailable: 0,
        });
        const [pdb] = byKind(objects, 'PodDisruptionBudget') as any[];
        expect(pdb.spec.minAvailable).toBeLessThan(replicas);
        expect(pdb.spec.selector.matchLabels).toEqual(
          deployment.spec.selector.matchLabels,
        );
        const [service] = byKind(objects, 'Service') as any[];
        expect(service.spec.selector).toEqual(
          deployment.spec.selector.matchLabels,
        );
        const [ingress] = byKind(objects, 'Ingress') as any[];
        expect(ingress.spec.rules[0].host).toBe('portal.example.com');
        expect(ingress.spec.rules[0].http.paths[0].backend.service.name).toBe(
          service.metadata.name,
        );
      });

      it("probes the backend's health endpoints, and takes config from the ConfigMap and secrets from the Secret", () => {
        const pod = deploymentOf(objects).spec.template.spec;
        const [backend] = pod.containers;
        expect(backend.startupProbe.httpGet.path).toBe(
          '/.backstage/health/v1/readiness',
        );
        expect(backend.readinessProbe.httpGet.path).toBe(
          '/.backstage/health/v1/readiness',
        );
        expect(backend.livenessProbe.httpGet.path).toBe(
          '/.backstage/health/v1/liveness',
        );
        expect(backend.envFrom).toEqual([{ secretRef: { name: 'greenroom' } }]);
        expect(envOf(objects)).toMatchObject({
          GREENROOM_BASE_URL: 'https://portal.example.com',
          POSTGRES_HOST: 'postgres.internal',
        });
        expect(envOf(objects).GREENROOM_REDIS_URL).toEqual(
          valuesFile === 'values-small.yaml'
            ? 'redis://greenroom-redis:6379'
            : {
                secretKeyRef: { name: 'greenroom', key: 'GREENROOM_REDIS_URL' },
              },
        );

        const [configMap] = byKind(objects, 'ConfigMap') as any[];
        expect(configMap.data['app-config.production.yaml']).toBe(
          fs.readFileSync(
            path.join(repoRoot, 'app-config.production.yaml'),
            'utf8',
          ),
        );
        expect(backend.args).toContain('/config/app-config.production.yaml');
        expect(
          pod.volumes.find((v: any) => v.name === 'config').configMap.name,
        ).toBe(configMap.metadata.name);
      });
    },
  );

  it('shares TechDocs sites between replicas: a ReadWriteMany volume (small), an object store (large)', async () => {
    const small = await renderChart({
      valuesFiles: ['values-small.yaml'],
      set: company,
    });
    const [claim] = byKind(small, 'PersistentVolumeClaim') as any[];
    expect(claim.spec.accessModes).toEqual(['ReadWriteMany']);
    const large = await renderChart({
      valuesFiles: ['values-large.yaml'],
      set: company,
    });
    expect(byKind(large, 'PersistentVolumeClaim')).toEqual([]);
    const [configMap] = byKind(large, 'ConfigMap') as any[];
    expect(configMap.data['app-config.values.yaml']).toContain('type: awsS3');
    expect(deploymentOf(large).spec.template.spec.containers[0].args).toContain(
      '/config/app-config.values.yaml',
    );
  });

  it.each([
    [
      { 'image.tag': 'latest' },
      "image.tag is 'latest': use an immutable version or digest",
    ],
    [{ 'image.repository': '' }, 'image.repository is required'],
    [
      { baseUrl: 'portal.example.com' },
      'baseUrl is "portal.example.com", not an http(s) URL',
    ],
    [{ existingSecret: '' }, 'existingSecret is required'],
    [
      { 'env.BACKEND_SECRET': 'hunter2' },
      'env.BACKEND_SECRET looks secret: put it in the Secret named by existingSecret',
    ],
    [
      { 'techdocs.persistence.enabled': 'false' },
      "more than one replica with TechDocs on each pod's own disk",
    ],
    [
      { 'podDisruptionBudget.minAvailable': '2' },
      'podDisruptionBudget.minAvailable is not below the replicas',
    ],
  ])('refuses %j, saying what to do', async (bad, message) => {
    await expect(
      renderChart({
        valuesFiles: ['values-small.yaml'],
        set: { ...company, ...bad },
      }),
    ).rejects.toThrow(message);
  });

  it('finds what breaks our rules (the rules themselves can fail)', async () => {
    const objects = await renderChart({
      valuesFiles: ['values-small.yaml'],
      set: company,
    });
    const broken = JSON.parse(JSON.stringify(objects)) as any[];
    const pod = broken.find(o => o.kind === 'Deployment').spec.template.spec;
    delete pod.containers[0].livenessProbe;
    delete pod.containers[0].resources.limits.memory;
    pod.securityContext.runAsNonRoot = false;
    pod.containers[0].image = 'registry.example.com/platform/greenroom';
    pod.containers[0].env.push({ name: 'POSTGRES_PASSWORD', value: 'x' });
    broken.push({
      apiVersion: 'v1',
      kind: 'Secret',
      metadata: { name: 'inline' },
      stringData: { BACKEND_SECRET: 'x' },
    });
    expect(manifestProblems(broken)).toEqual([
      "Deployment greenroom, container backend: image 'registry.example.com/platform/greenroom' has no immutable tag (none, or latest)",
      'Deployment greenroom, container backend: no livenessProbe',
      'Deployment greenroom, container backend: no memory in resources.limits',
      'Deployment greenroom, container backend: may run as root (runAsNonRoot is not true)',
      'Deployment greenroom, container backend: POSTGRES_PASSWORD is given inline; take it from a Secret',
      'Secret inline: the chart renders a Secret; secrets come from a Secret the company creates',
    ]);
    pod.containers[0].ports[0].containerPort = 'http-port';
    expect(schemaProblems(broken.filter(o => o.kind !== 'Secret'))).toEqual([
      expect.stringMatching(/^Deployment greenroom: .*containerPort/),
    ]);
  });
});
