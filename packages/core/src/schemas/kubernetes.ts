import data from './kubernetes-1.35.json' with { type: 'json' };
import type { KubernetesSchemaBundle } from './KubernetesSchemaBundle.js';

export const KUBERNETES_SCHEMAS: KubernetesSchemaBundle = data as unknown as KubernetesSchemaBundle;
