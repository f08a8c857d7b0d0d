{{/*
Name of one component's objects: <fullname>-<component>.
Usage: include "monitoring.componentName" (dict "context" $ "component" "prometheus")
*/}}
{{- define "monitoring.componentName" -}}
{{- printf "%s-%s" (include "monitoring.fullname" .context) .component | trunc 63 | trimSuffix "-" }}
{{- end }}

{{/* Selector labels of one component. Usage: as componentName. */}}
{{- define "monitoring.componentSelectorLabels" -}}
{{ include "monitoring.selectorLabels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/* Labels of one component's objects. Usage: as componentName. */}}
{{- define "monitoring.componentLabels" -}}
{{ include "monitoring.labels" .context }}
app.kubernetes.io/component: {{ .component }}
{{- end }}

{{/*
ServiceAccount name of a component: its own when serviceAccount.create, else the named one.
Usage: include "monitoring.componentServiceAccountName" (dict "context" $ "component" "grafana" "serviceAccount" .Values.grafana.serviceAccount)
*/}}
{{- define "monitoring.componentServiceAccountName" -}}
{{- if .serviceAccount.create }}
{{- default (include "monitoring.componentName" .) .serviceAccount.name }}
{{- else }}
{{- default "default" .serviceAccount.name }}
{{- end }}
{{- end }}

{{/* In-cluster URL of the Prometheus Service; Grafana's datasource uses it. */}}
{{- define "monitoring.prometheusUrl" -}}
{{- printf "http://%s.%s.svc:%v" (include "monitoring.componentName" (dict "context" . "component" "prometheus")) .Release.Namespace .Values.prometheus.service.port }}
{{- end }}

{{/* Name of the Secret with Grafana's admin credentials: the existing one, or the chart's own. */}}
{{- define "monitoring.grafanaSecretName" -}}
{{- default (include "monitoring.componentName" (dict "context" . "component" "grafana")) .Values.grafana.admin.existingSecret }}
{{- end }}

{{/*
The data volume of a component: its existing claim, the chart's claim, or an emptyDir.
Usage: include "monitoring.dataVolume" (dict "context" $ "component" "grafana" "persistence" .Values.grafana.persistence)
*/}}
{{- define "monitoring.dataVolume" -}}
- name: data
{{- if and .persistence.enabled .persistence.existingClaim }}
  persistentVolumeClaim:
    claimName: {{ .persistence.existingClaim }}
{{- else if .persistence.enabled }}
  persistentVolumeClaim:
    claimName: {{ include "monitoring.componentName" . }}
{{- else }}
  emptyDir:
    sizeLimit: {{ .persistence.emptyDirSizeLimit }}
{{- end }}
{{- end }}

{{/*
Spec of a new claim. Usage: include "monitoring.claimSpec" (dict "context" $ "persistence" .Values.prometheus.persistence)
*/}}
{{- define "monitoring.claimSpec" -}}
accessModes:
  {{- toYaml .persistence.accessModes | nindent 2 }}
{{- include "monitoring.storageClass" (dict "storageClass" .persistence.storageClass "context" .context) }}
resources:
  requests:
    storage: {{ .persistence.size | quote }}
{{- end }}

{{/* namespaces: of a kubernetes_sd_config; only the release namespace in namespaced mode. */}}
{{- define "monitoring.sdNamespaces" -}}
{{- if .Values.rbac.namespaced }}
namespaces:
  names:
    - {{ .Release.Namespace }}
{{- end }}
{{- end }}

{{/* Scheme, credentials and TLS of the kubelet and cAdvisor jobs. */}}
{{- define "monitoring.kubeletAuth" -}}
scheme: https
authorization:
  credentials_file: /var/run/secrets/kubernetes.io/serviceaccount/token
tls_config:
  ca_file: /var/run/secrets/kubernetes.io/serviceaccount/ca.crt
  {{- if and (eq .Values.prometheus.scrape.kubeletVia "kubelet") .Values.prometheus.scrape.kubeletInsecureSkipVerify }}
  insecure_skip_verify: true
  {{- end }}
{{- end }}

{{/*
relabel_configs of the kubelet and cAdvisor jobs. Usage: include "monitoring.kubeletRelabel" (dict "context" $ "path" "/metrics/cadvisor")
*/}}
{{- define "monitoring.kubeletRelabel" -}}
- source_labels: [__meta_kubernetes_node_name]
  target_label: node
{{- if eq .context.Values.prometheus.scrape.kubeletVia "apiserver" }}
- target_label: __address__
  replacement: kubernetes.default.svc:443
- source_labels: [__meta_kubernetes_node_name]
  regex: (.+)
  target_label: __metrics_path__
  replacement: /api/v1/nodes/$1/proxy{{ .path }}
{{- else }}
- target_label: __metrics_path__
  replacement: {{ .path }}
{{- end }}
{{- end }}

{{/*
relabel_configs that honour the prometheus.io/scrape|scheme|path|port annotations of a pod or Service.
Usage: include "monitoring.annotationRelabel" "pod"   (or "service")
*/}}
{{- define "monitoring.annotationRelabel" -}}
- source_labels: [__meta_kubernetes_{{ . }}_annotation_prometheus_io_scrape]
  action: keep
  regex: "true"
- source_labels: [__meta_kubernetes_{{ . }}_annotation_prometheus_io_scheme]
  action: replace
  regex: (https?)
  target_label: __scheme__
- source_labels: [__meta_kubernetes_{{ . }}_annotation_prometheus_io_path]
  action: replace
  regex: (.+)
  target_label: __metrics_path__
- source_labels: [__address__, __meta_kubernetes_{{ . }}_annotation_prometheus_io_port]
  action: replace
  regex: '([^:]+)(?::\d+)?;(\d+)'
  replacement: $1:$2
  target_label: __address__
{{- end }}
