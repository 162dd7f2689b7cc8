/** A design to start from. Each text validates cleanly with kro v0.9.3's rules (starters.test.ts checks it). */
export interface Starter {
  readonly id: 'blank' | 'webapp' | 'app-database' | 'foreach';
  readonly title: string;
  readonly description: string;
  readonly text: string;
}

const blank = `# A new ResourceGraphDefinition: describe the instance API under spec.schema,
# then add resources from the palette (or type them here).
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: my-api
spec:
  schema:
    apiVersion: v1alpha1
    kind: MyApi
    spec:
      name: string | required=true
  resources: []
`;

const webapp = `# A web application: a Deployment, a Service in front of it, and an optional Ingress.
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: web-app
spec:
  schema:
    apiVersion: v1alpha1
    kind: WebApp
    spec:
      image: string | default="nginx:1.27"
      replicas: integer | default=2 minimum=1
      ingress:
        enabled: boolean | default=false
        host: string | default="example.local"
    status:
      availableReplicas: \${deployment.status.availableReplicas}
  resources:
    - id: deployment
      readyWhen:
        - \${deployment.status.availableReplicas == deployment.spec.replicas}
      template:
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \${schema.metadata.name}
        spec:
          replicas: \${schema.spec.replicas}
          selector:
            matchLabels:
              app: \${schema.metadata.name}
          template:
            metadata:
              labels:
                app: \${schema.metadata.name}
            spec:
              containers:
                - name: web
                  image: \${schema.spec.image}
                  ports:
                    - containerPort: 80
    - id: service
      template:
        apiVersion: v1
        kind: Service
        metadata:
          name: \${deployment.metadata.name}
        spec:
          selector: \${deployment.spec.selector.matchLabels}
          ports:
            - port: 80
              targetPort: 80
    - id: ingress
      includeWhen:
        - \${schema.spec.ingress.enabled}
      template:
        apiVersion: networking.k8s.io/v1
        kind: Ingress
        metadata:
          name: \${service.metadata.name}
        spec:
          rules:
            - host: \${schema.spec.ingress.host}
              http:
                paths:
                  - path: /
                    pathType: Prefix
                    backend:
                      service:
                        name: \${service.metadata.name}
                        port:
                          number: 80
`;

const appDatabase = `# An application with its own PostgreSQL database: credentials in a Secret, storage in a
# StatefulSet, and the app reading the database Service's name from the graph.
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: app-with-database
spec:
  schema:
    apiVersion: v1alpha1
    kind: AppWithDatabase
    spec:
      image: string | required=true
      database:
        storage: string | default="1Gi"
        version: string | default="16"
  resources:
    - id: dbSecret
      template:
        apiVersion: v1
        kind: Secret
        metadata:
          name: \${schema.metadata.name}-db
        type: Opaque
        stringData:
          POSTGRES_USER: app
          POSTGRES_PASSWORD: change-me
    - id: dbService
      template:
        apiVersion: v1
        kind: Service
        metadata:
          name: \${schema.metadata.name}-db
        spec:
          clusterIP: None
          selector:
            app: \${schema.metadata.name}-db
          ports:
            - port: 5432
    - id: database
      readyWhen:
        - \${database.status.readyReplicas == 1}
      template:
        apiVersion: apps/v1
        kind: StatefulSet
        metadata:
          name: \${schema.metadata.name}-db
        spec:
          serviceName: \${dbService.metadata.name}
          replicas: 1
          selector:
            matchLabels:
              app: \${schema.metadata.name}-db
          template:
            metadata:
              labels:
                app: \${schema.metadata.name}-db
            spec:
              containers:
                - name: postgres
                  image: postgres:\${schema.spec.database.version}
                  envFrom:
                    - secretRef:
                        name: \${dbSecret.metadata.name}
          volumeClaimTemplates:
            - metadata:
                name: data
              spec:
                accessModes: [ReadWriteOnce]
                resources:
                  requests:
                    storage: \${schema.spec.database.storage}
    - id: app
      template:
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: \${schema.metadata.name}
        spec:
          replicas: 1
          selector:
            matchLabels:
              app: \${schema.metadata.name}
          template:
            metadata:
              labels:
                app: \${schema.metadata.name}
            spec:
              containers:
                - name: app
                  image: \${schema.spec.image}
                  env:
                    - name: DATABASE_HOST
                      value: \${dbService.metadata.name}
                    - name: DATABASE_READY_REPLICAS
                      value: \${string(database.status.readyReplicas)}
                  envFrom:
                    - secretRef:
                        name: \${dbSecret.metadata.name}
`;

const forEach = `# forEach: one ConfigMap per region listed in the instance, plus a summary that reads them all.
apiVersion: kro.run/v1alpha1
kind: ResourceGraphDefinition
metadata:
  name: regional-config
spec:
  schema:
    apiVersion: v1alpha1
    kind: RegionalConfig
    spec:
      regions: '[]string | default=["eu-west-1","us-east-1"]'
      logLevel: string | default="info"
  resources:
    - id: regionConfigs
      forEach:
        - region: \${schema.spec.regions}
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.metadata.name + "-" + region}
        data:
          region: \${region}
          logLevel: \${schema.spec.logLevel}
    - id: summary
      template:
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: \${schema.metadata.name}-summary
        data:
          count: \${string(size(regionConfigs))}
`;

export const STARTERS: readonly Starter[] = [
  { id: 'blank', title: 'Blank', description: 'An empty RGD with one spec field', text: blank },
  { id: 'webapp', title: 'Web app', description: 'Deployment, Service and an optional Ingress', text: webapp },
  { id: 'app-database', title: 'App + database', description: 'PostgreSQL StatefulSet, Secret, Service and the app', text: appDatabase },
  { id: 'foreach', title: 'forEach', description: 'One ConfigMap per region, and a summary', text: forEach },
];
