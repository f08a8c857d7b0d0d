{{/*
Chart-specific helpers of the registry chart.
*/}}

{{/*
Credentials and shared secret, computed once per render and cached in .Values, so every template (the
Secret, the pull Secret, the checksum annotation, NOTES) sees the same random values and the same bcrypt
hash. Values given in values win; else the existing chart Secret's (lookup, so upgrades keep them);
else fresh random ones. Under helm template and --dry-run lookup finds nothing, so they are random there.
Usage: $s := include "registry.secrets" . | fromYaml
*/}}
{{- define "registry.secrets" -}}
{{- if not (hasKey .Values "__registrySecrets") }}
{{- $existing := dict }}
{{- with (lookup "v1" "Secret" .Release.Namespace (include "registry.fullname" .)) }}
{{- $existing = .data | default dict }}
{{- end }}
{{- $old := dict }}
{{- range $key, $value := $existing }}
{{- $_ := set $old $key (b64dec $value) }}
{{- end }}
{{- $httpSecret := .Values.config.httpSecret | default (get $old "haSharedSecret") | default (randAlphaNum 32) }}
{{- $username := .Values.auth.username }}
{{- $password := .Values.auth.password | default (get $old "password") | default (randAlphaNum 24) }}
{{- $htpasswd := "" }}
{{- if and (eq (get $old "username") $username) (eq (get $old "password") $password) (get $old "htpasswd") }}
{{- $htpasswd = get $old "htpasswd" }}
{{- else }}
{{- $htpasswd = htpasswd $username $password }}
{{- end }}
{{- $_ := set .Values "__registrySecrets" (dict "httpSecret" $httpSecret "username" $username "password" $password "htpasswd" $htpasswd) }}
{{- end }}
{{- toYaml .Values.__registrySecrets }}
{{- end }}

{{/* Name of the Secret holding the htpasswd file, and its key. */}}
{{- define "registry.htpasswdSecretName" -}}
{{- default (include "registry.fullname" .) .Values.auth.existingSecret }}
{{- end }}
{{- define "registry.htpasswdSecretKey" -}}
{{- ternary .Values.auth.existingSecretKey "htpasswd" (ne .Values.auth.existingSecret "") }}
{{- end }}

{{/* True when S3 credentials are passed as environment variables. */}}
{{- define "registry.s3Credentials" -}}
{{- if and (eq .Values.storage.type "s3") (or .Values.storage.s3.existingSecret .Values.storage.s3.accessKey) }}true{{ end }}
{{- end }}

{{/* True when the data volume is a claim the chart makes (not for a StatefulSet, whose claim comes from a template). */}}
{{- define "registry.ownClaim" -}}
{{- if and (eq .Values.storage.type "filesystem") .Values.persistence.enabled (not .Values.persistence.existingClaim) }}true{{ end }}
{{- end }}

{{/* Name of the claim holding the data when there is one: the existing one, the chart's, or the StatefulSet's first. */}}
{{- define "registry.claimName" -}}
{{- if .Values.persistence.existingClaim }}
{{- .Values.persistence.existingClaim }}
{{- else if eq .Values.kind "StatefulSet" }}
{{- printf "data-%s-0" (include "registry.fullname" .) }}
{{- else }}
{{- include "registry.fullname" . }}
{{- end }}
{{- end }}

{{/* Host the pull Secret is for: pullSecret.server, else the first Ingress host, else 127.0.0.1:nodePort, else the Service DNS name. */}}
{{- define "registry.pullSecretServer" -}}
{{- if .Values.pullSecret.server }}
{{- .Values.pullSecret.server }}
{{- else if and .Values.ingress.enabled .Values.ingress.hosts }}
{{- (first .Values.ingress.hosts).host }}
{{- else if and (eq .Values.service.type "NodePort") .Values.service.nodePort }}
{{- printf "127.0.0.1:%v" .Values.service.nodePort }}
{{- else }}
{{- printf "%s.%s.svc.cluster.local:%v" (include "registry.fullname" .) .Release.Namespace .Values.service.port }}
{{- end }}
{{- end }}

{{/* Environment of registry containers: http.secret and storage/proxy credentials from Secrets. */}}
{{- define "registry.env" -}}
- name: REGISTRY_HTTP_SECRET
  valueFrom:
    secretKeyRef:
      name: {{ include "registry.fullname" . }}
      key: haSharedSecret
{{- if include "registry.s3Credentials" . }}
- name: REGISTRY_STORAGE_S3_ACCESSKEY
  valueFrom:
    secretKeyRef:
      name: {{ default (include "registry.fullname" .) .Values.storage.s3.existingSecret }}
      key: s3AccessKey
- name: REGISTRY_STORAGE_S3_SECRETKEY
  valueFrom:
    secretKeyRef:
      name: {{ default (include "registry.fullname" .) .Values.storage.s3.existingSecret }}
      key: s3SecretKey
{{- end }}
{{- if and .Values.proxy.enabled .Values.proxy.username }}
- name: REGISTRY_PROXY_USERNAME
  valueFrom:
    secretKeyRef:
      name: {{ include "registry.fullname" . }}
      key: proxyUsername
- name: REGISTRY_PROXY_PASSWORD
  valueFrom:
    secretKeyRef:
      name: {{ include "registry.fullname" . }}
      key: proxyPassword
{{- end }}
{{- with .Values.extraEnv }}
{{ toYaml . }}
{{- end }}
{{- end }}
