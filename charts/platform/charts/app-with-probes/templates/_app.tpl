{{/* Name of the Secret that holds secret.env: the existing one, or the chart's own. */}}
{{- define "app-with-probes.secretName" -}}
{{- default (include "app-with-probes.fullname" .) .Values.secret.existingSecret }}
{{- end }}

{{/* True when the chart renders its own Secret. */}}
{{- define "app-with-probes.ownSecret" -}}
{{- if and (not .Values.secret.existingSecret) (or .Values.secret.env .Values.secret.files) }}true{{ end }}
{{- end }}
