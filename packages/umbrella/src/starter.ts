// The starter stack file written by `helmforge init`, modelled on the seed platform: three nodes, an NFS
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
  imagePullSecrets: []
  storageClass: ""
  commonLabels:
    platform: on-prem

apps:
  web:
    replicaCount: 2
    config:
      env:
        LOG_LEVEL: info
  api:
    replicaCount: 2
    ports:
      - { name: http, containerPort: 8080, servicePort: 80, protocol: TCP }
    readinessProbe:
      type: httpGet
      httpGet: { path: /, port: http }
`;
