/**
 * Builds a deterministic RGD with `resources` resources and about `expressions` `${...}` expressions: a chain of
 * ConfigMaps, Services and Deployments wired to the schema and to earlier resources, the shape large platform RGDs
 * have. Used by the validate benchmark (300 resources / 2,000 expressions is the target size).
 */
export function generateLargeRgd(resources = 300, expressions = 2000): string {
  const lines: string[] = [
    'apiVersion: kro.run/v1alpha1',
    'kind: ResourceGraphDefinition',
    'metadata:',
    '  name: large.bench.kro.run',
    'spec:',
    '  schema:',
    '    apiVersion: v1alpha1',
    '    kind: LargeApp',
    '    spec:',
    '      name: string | required=true',
    '      image: string | default="nginx:1.27"',
    '      replicas: integer | default=1 minimum=0 maximum=100',
    '      labels: "map[string]string"',
    '      tier: string | enum="gold,silver,bronze" default="silver"',
    '  resources:',
  ];
  // Spread the expression budget evenly; every resource gets at least its name expression.
  const extraPerResource = Math.max(0, Math.floor((expressions - resources) / resources));
  let state = 42;
  const next = () => (state = (state * 1103515245 + 12345) % 2147483648);
  for (let i = 0; i < resources; i++) {
    const id = `res${i}`;
    const dep = i > 0 ? `res${next() % i}` : undefined;
    const kind = i % 3;
    lines.push(`    - id: ${id}`, '      template:');
    if (kind === 0) {
      lines.push('        apiVersion: v1', '        kind: ConfigMap', '        metadata:', `          name: \${schema.spec.name}-${id}`, '        data:');
      for (let e = 0; e < extraPerResource; e++) {
        const source = dep && e % 2 === 0 ? `${dep}.metadata.name` : 'schema.spec.tier';
        lines.push(`          key${e}: \${${source}}`);
      }
    } else if (kind === 1) {
      lines.push('        apiVersion: v1', '        kind: Service', '        metadata:', `          name: \${schema.spec.name}-${id}`, '          labels:');
      for (let e = 0; e < extraPerResource; e++) lines.push(`            l${e}: \${${dep && e % 2 === 0 ? `${dep}.metadata.name` : 'schema.spec.name'}}`);
      lines.push('        spec:', '          ports:', '            - port: 80', '              targetPort: 8080');
    } else {
      lines.push(
        '        apiVersion: apps/v1',
        '        kind: Deployment',
        '        metadata:',
        `          name: \${schema.spec.name}-${id}`,
        '          annotations:',
      );
      for (let e = 0; e < extraPerResource; e++) lines.push(`            a${e}: \${${dep && e % 2 === 0 ? `${dep}.metadata.name` : 'schema.spec.image'}}`);
      lines.push(
        '        spec:',
        '          replicas: ${schema.spec.replicas}',
        '          selector:',
        `            matchLabels: {app: ${id}}`,
        '          template:',
        `            metadata: {labels: {app: ${id}}}`,
        '            spec:',
        '              containers:',
        '                - name: app',
        '                  image: ${schema.spec.image}',
      );
    }
  }
  return lines.join('\n') + '\n';
}
