{{/*
Chart-specific helpers of the nfs-pv chart.
*/}}

{{/*
One volume entry with volumeDefaults filled in, as YAML.
Usage: $v := include "nfs-pv.volume" (dict "volume" . "context" $) | fromYaml
*/}}
{{- define "nfs-pv.volume" -}}
{{- $d := .context.Values.volumeDefaults }}
{{- $v := .volume }}
name: {{ $v.name }}
pvName: {{ printf "%s-%s" .context.Release.Name $v.name }}
server: {{ default $d.server $v.server | quote }}
path: {{ $v.path | quote }}
capacity: {{ $v.capacity | toString | quote }}
accessModes: {{ (default $d.accessModes $v.accessModes) | toJson }}
reclaimPolicy: {{ default $d.reclaimPolicy $v.reclaimPolicy }}
mountOptions: {{ (ternary $v.mountOptions $d.mountOptions (hasKey $v "mountOptions")) | toJson }}
storageClassName: {{ (ternary $v.storageClassName $d.storageClassName (hasKey $v "storageClassName")) | quote }}
namespace: {{ default .context.Release.Namespace (default $d.namespace $v.namespace) | quote }}
readOnly: {{ default false $v.readOnly }}
owner: {{ default "" $v.owner | quote }}
labels: {{ default dict $v.labels | toJson }}
annotations: {{ default dict $v.annotations | toJson }}
{{- end }}

{{/* Fails the render when two volume entries share a name (their claims and volumes would collide). */}}
{{- define "nfs-pv.checkNames" -}}
{{- $seen := dict }}
{{- range .Values.volumes }}
{{- if hasKey $seen .name }}
{{- fail (printf "volumes: the name %q is used twice; claim names must be unique" .name) }}
{{- end }}
{{- $_ := set $seen .name true }}
{{- end }}
{{- end }}
