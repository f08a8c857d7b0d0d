// The starter stack file written by `helmforge init`, an on-premises platform of three nodes, an NFS
// server exporting /nfsdata, a private registry, monitoring, a web app and an API, and batch jobs.
export const STARTER_STACK = `# yaml-language-server: $schema=schemas/helmforge.schema.json
# helmforge stack file: \`helmforge generate\` turns it into charts/<metadata.name>/.
apiVersion: helmforge.dev/v1alpha1
kind: Platform

metadata:
  name: platform
  version: 0.1.0
  appVersion: "2026.11"
  description: "On-premises platform: private registry, NFS volumes, monitoring, applications and batch jobs."
  maintainers:
    - name: Platform team
      email: platform@example.com

cluster:
  nodes:
    - { name: node1, address: 192.168.1.11, roles: [control-plane] }
    - { name: node2, address: 192.168.1.12, roles: [worker] }
    - { name: node3, address: 192.168.1.13, roles: [worker] }

global:
  imageRegistry: ""
  # The registry's pull Secret (registry.pullSecret), so nodes can pull images pushed to it.
  imagePullSecrets: [registry-pull]
  storageClass: ""
  commonLabels:
    platform: on-prem

# Static PersistentVolumes on the NFS server and claims bound to them. \`volumes\` maps each claim name to its
# export; the other parts refer to a claim by that name (existingClaim: registry-data). Like every list of
# named entries in these charts it is a map: the chart already has these five claims, an entry here changes
# one of them or adds a new one, and \`enabled: false\` leaves one out.
nfs-pv:
  volumeDefaults:
    server: 192.168.1.10
    mountOptions: [nfsvers=4.1]
  volumes:
    registry-data: { path: /nfsdata/registry, capacity: 50Gi, owner: "1000:1000" }
    prometheus-data: { path: /nfsdata/prometheus, capacity: 20Gi, owner: "65534:65534" }
    grafana-data: { path: /nfsdata/grafana, capacity: 5Gi, owner: "472:472" }
    app-data: { path: /nfsdata/app, capacity: 10Gi, owner: "101:101" }
    backup-data: { path: /nfsdata/backup, capacity: 100Gi }

# The private registry, reached by the nodes at <node-ip>:30500.
registry:
  persistence:
    existingClaim: registry-data
  service:
    type: NodePort
    nodePort: 30500
  pullSecret:
    enabled: true
    server: 192.168.1.11:30500
  garbageCollect:
    enabled: true

# Prometheus and Grafana, their data on the NFS claims.
monitoring:
  prometheus:
    retention:
      time: 15d
    persistence:
      existingClaim: prometheus-data
  grafana:
    persistence:
      existingClaim: grafana-data
  nodeExporter:
    enabled: true

# Batch work. The chart already has a nightly \`backup\` CronJob (app-data → backup-data) and a \`migrate\`
# pre-upgrade hook. \`jobs\`, \`cronJobs\` and \`hooks\` are maps keyed by name: a new name adds an entry beside
# those, \`backup: { schedule: "0 3 * * *" }\` changes the default one, \`backup: { enabled: false }\` switches it off.
jobs:
  enabled: true

apps:
  web:
    replicaCount: 2
    config:
      env:
        LOG_LEVEL: info
    persistence:
      enabled: true
      existingClaim: app-data
      subPath: web
  api:
    replicaCount: 2
    readinessProbe:
      type: httpGet
      httpGet: { path: /, port: http }
`;
