/** RGD texts the journeys type or import. */

export const CYCLE = `apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: cycle-demo
spec:
  schema:
    apiVersion: v1alpha1
    kind: CycleDemo
    spec:
      name: string
  resources:
    - id: first
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${second.metadata.name}-a
    - id: second
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${first.metadata.name}-b
    - id: third
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.spec.name}
`;
