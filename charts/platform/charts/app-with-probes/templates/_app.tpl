{{/* Name of the Secret that holds secret.env: the existing one, or the chart's own. */}}
{{- define "app-with-probes.secretName" -}}
{{- default (include "app-with-probes.fullname" .) .Values.secret.existingSecret }}
{{- end }}

{{/* True when the chart renders its own Secret. */}}
{{- define "app-with-probes.ownSecret" -}}
{{- if and (not .Values.secret.existingSecret) (or .Values.secret.env .Values.secret.files) }}true{{ end }}
{{- end }}

{{/*
The entry of ports named by mainPort, with its name, as JSON; fails when mainPort names no enabled port.
Usage: $port := include "app-with-probes.mainPort" . | fromJson
*/}}
{{- define "app-with-probes.mainPort" -}}
{{- $port := get .Values.ports .Values.mainPort }}
{{- if or (not $port) (eq (toString $port.enabled) "false") }}
{{- fail (printf "mainPort: %q is not an enabled entry of ports" .Values.mainPort) }}
{{- end }}
{{- merge (dict "name" .Values.mainPort) $port | toJson }}
{{- end }}
