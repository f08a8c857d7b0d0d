{{/*
An entry's own value for key, else the default; unlike `default` it keeps an explicit 0 or false.
Usage: include "jobs.pick" (dict "entry" $job "key" "backoffLimit" "default" $d.backoffLimit)
*/}}
{{- define "jobs.pick" -}}
{{- if hasKey .entry .key }}
{{- get .entry .key }}
{{- else }}
{{- .default }}
{{- end }}
{{- end }}

{{/*
Labels of one entry's objects: the chart's labels plus the entry name as component.
Usage: include "jobs.entryLabels" (dict "context" $ "job" $job)
*/}}
{{- define "jobs.entryLabels" -}}
{{ include "jobs.labels" .context }}
app.kubernetes.io/component: {{ .job.name }}
{{- end }}

{{/*
Object name of an entry: <fullname>-<name>, cut to max characters.
Usage: include "jobs.entryName" (dict "context" $ "job" $job "max" 63)
*/}}
{{- define "jobs.entryName" -}}
{{- printf "%s-%s" (include "jobs.fullname" .context) .job.name | trunc (int .max) | trimSuffix "-" }}
{{- end }}

{{/*
The Job spec shared by Jobs, CronJob job templates and hook Jobs: Job fields, then the pod template with
the entry's values merged over .Values.defaults.
Usage: include "jobs.jobSpec" (dict "context" $ "job" $job "ttl" <number or empty>)
*/}}
{{- define "jobs.jobSpec" -}}
{{- $ := .context }}
{{- $job := .job }}
{{- $d := $.Values.defaults -}}
backoffLimit: {{ include "jobs.pick" (dict "entry" $job "key" "backoffLimit" "default" $d.backoffLimit) | int64 }}
{{- with $job.activeDeadlineSeconds }}
activeDeadlineSeconds: {{ . | int64 }}
{{- end }}
{{- if hasKey $job "ttlSecondsAfterFinished" }}
ttlSecondsAfterFinished: {{ $job.ttlSecondsAfterFinished | int64 }}
{{- else if not (kindIs "invalid" .ttl) }}
ttlSecondsAfterFinished: {{ .ttl | int64 }}
{{- end }}
{{- with $job.completions }}
completions: {{ . | int64 }}
{{- end }}
{{- if hasKey $job "parallelism" }}
parallelism: {{ $job.parallelism | int64 }}
{{- end }}
{{- with $job.completionMode }}
completionMode: {{ . }}
{{- end }}
template:
  metadata:
    labels:
      {{- include "jobs.entryLabels" (dict "context" $ "job" $job) | nindent 6 }}
      {{- with $job.podLabels }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    {{- with $job.podAnnotations }}
    annotations:
      {{- toYaml . | nindent 6 }}
    {{- end }}
  spec:
    restartPolicy: {{ $job.restartPolicy | default $d.restartPolicy }}
    {{- with (include "jobs.imagePullSecrets" $) }}
    {{- . | nindent 4 }}
    {{- end }}
    serviceAccountName: {{ $job.serviceAccountName | default (include "jobs.serviceAccountName" $) }}
    automountServiceAccountToken: {{ include "jobs.pick" (dict "entry" $job "key" "automountServiceAccountToken" "default" $.Values.serviceAccount.automountServiceAccountToken) }}
    {{- with (mergeOverwrite (deepCopy ($d.podSecurityContext | default dict)) (deepCopy ($job.podSecurityContext | default dict))) }}
    securityContext:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    {{- with $job.priorityClassName }}
    priorityClassName: {{ . }}
    {{- end }}
    containers:
      - name: {{ $job.name }}
        {{- $image := $job.image | default $d.image }}
        image: {{ include "jobs.image" (dict "image" $image "context" $) }}
        imagePullPolicy: {{ $image.pullPolicy }}
        {{- with $job.command }}
        command:
          {{- toYaml . | nindent 10 }}
        {{- end }}
        {{- with $job.args }}
        args:
          {{- toYaml . | nindent 10 }}
        {{- end }}
        {{- with $job.workingDir }}
        workingDir: {{ . }}
        {{- end }}
        {{- with $job.env }}
        env:
          {{- toYaml . | nindent 10 }}
        {{- end }}
        {{- with $job.envFrom }}
        envFrom:
          {{- toYaml . | nindent 10 }}
        {{- end }}
        {{- include "jobs.containerSecurityContext" (mergeOverwrite (deepCopy ($d.securityContext | default dict)) (deepCopy ($job.securityContext | default dict))) | nindent 8 }}
        resources:
          {{- toYaml ($job.resources | default $d.resources) | nindent 10 }}
        {{- if or $d.tmpDir $job.volumeMounts }}
        volumeMounts:
          {{- if $d.tmpDir }}
          - name: tmp
            mountPath: /tmp
          {{- end }}
          {{- with $job.volumeMounts }}
          {{- toYaml . | nindent 10 }}
          {{- end }}
        {{- end }}
    {{- if or $d.tmpDir $job.volumes }}
    volumes:
      {{- if $d.tmpDir }}
      - name: tmp
        emptyDir:
          sizeLimit: 256Mi
      {{- end }}
      {{- with $job.volumes }}
      {{- toYaml . | nindent 6 }}
      {{- end }}
    {{- end }}
    {{- with $job.nodeSelector }}
    nodeSelector:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    {{- with $job.affinity }}
    affinity:
      {{- toYaml . | nindent 6 }}
    {{- end }}
    {{- with $job.tolerations }}
    tolerations:
      {{- toYaml . | nindent 6 }}
    {{- end }}
{{- end }}
