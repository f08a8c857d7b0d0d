{{/*
Chart-specific helpers of the nfs-pv chart.
*/}}

{{/*
One volume entry (its map key is the claim name) with volumeDefaults filled in, as YAML.
Usage: $v := include "nfs-pv.volume" (dict "name" $name "volume" $entry "context" $) | fromYaml
*/}}
{{- define "nfs-pv.volume" -}}
{{- $d := .context.Values.volumeDefaults }}
{{- $v := .volume }}
name: {{ .name }}
pvName: {{ printf "%s-%s" .context.Release.Name .name }}
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

{{/*
The enabled volume entries (a map keyed by claim name), each with volumeDefaults filled in, as a YAML list in
name order. Usage: $vols := (include "nfs-pv.enabledVolumes" . | fromYaml).volumes
*/}}
{{- define "nfs-pv.enabledVolumes" -}}
volumes:
{{- range $name, $entry := .Values.volumes }}
{{- if ne (toString $entry.enabled) "false" }}
  - {{ include "nfs-pv.volume" (dict "name" $name "volume" $entry "context" $) | fromYaml | toJson }}
{{- end }}
{{- end }}
{{- end }}
