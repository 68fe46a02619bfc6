import {
  ConfigMap,
  PersistentVolumeClaim,
  Service,
  ServiceAccount,
} from 'kubernetes-models/v1';
import { Deployment } from 'kubernetes-models/apps/v1';
import { HorizontalPodAutoscaler } from 'kubernetes-models/autoscaling/v2';
import { Ingress } from 'kubernetes-models/networking.k8s.io/v1';
import { PodDisruptionBudget } from 'kubernetes-models/policy/v1';
import { KubeObject } from './helm';

/** The Kubernetes models of the kinds the chart renders, by apiVersion and kind. */
const models: Record<string, new (data: any) => { validate(): void }> = {
  'v1/ConfigMap': ConfigMap,
  'v1/PersistentVolumeClaim': PersistentVolumeClaim,
  'v1/Service': Service,
  'v1/ServiceAccount': ServiceAccount,
  'apps/v1/Deployment': Deployment,
  'autoscaling/v2/HorizontalPodAutoscaler': HorizontalPodAutoscaler,
  'networking.k8s.io/v1/Ingress': Ingress,
  'policy/v1/PodDisruptionBudget': PodDisruptionBudget,
};

/**
 * Checks each object against Kubernetes' OpenAPI schema for its kind (the
 * `kubernetes-models` package's, generated from Kubernetes' own). Returns
 * one line per object that does not validate, or whose kind has no model
 * here.
 */
export function schemaProblems(objects: KubeObject[]): string[] {
  const problems: string[] = [];
  for (const object of objects) {
    const where = `${object.kind} ${object.metadata?.name}`;
    const Model = models[`${object.apiVersion}/${object.kind}`];
    if (!Model) {
      problems.push(
        `${where}: ${object.apiVersion} ${object.kind} has no schema here (add its model to schemaProblems.ts)`,
      );
      continue;
    }
    try {
      new Model(object).validate();
    } catch (e) {
      problems.push(`${where}: ${(e as Error).message}`);
    }
  }
  return problems;
}
