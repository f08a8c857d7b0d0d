// Schema fragments that two or more charts would otherwise repeat. Field names follow the Kubernetes API
// (so values read like the objects they become) and the helpers in templates/_helpers.tpl.hbs.
import { Type as T, type TProperties, type TSchema } from '@sinclair/typebox';

/** A DNS-1123 label: what Kubernetes accepts as most object names. */
export const DNS1123_LABEL = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?$';
/** A DNS-1123 subdomain (ConfigMap, Secret, PVC names …). */
export const DNS1123_SUBDOMAIN = '^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$';
/** A Kubernetes resource quantity such as 500m, 1.5, 10Gi, 1e3. */
export const QUANTITY = '^[+]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+|[KMGTPE]i|[mkMGTPEnu])?$';
/** A percentage such as 25%. */
export const PERCENT = '^[0-9]+%$';

/**
 * A `pattern` with the sentence that editors (`patternErrorMessage`, honoured by yaml-language-server and VS Code)
 * and helmforge's own messages show instead of the regular expression. Every pattern in a values or stack schema has
 * one (generation checks it), written to follow "value …" the way a JSON Schema error does: "must be …".
 */
export const pattern = (regex: string, message: string) => ({ pattern: regex, patternErrorMessage: message });
/** The same pattern, also accepting the empty string (for optional names). */
export const emptyOr = (p: { pattern: string; patternErrorMessage: string }) => pattern(`^$|${p.pattern}`, p.patternErrorMessage.replace(/^must be /, 'must be empty or '));

export const DNS_LABEL = pattern(DNS1123_LABEL, 'must be a DNS-1123 label: lowercase letters, digits and "-", starting and ending with a letter or digit, e.g. `my-app`');
export const DNS_SUBDOMAIN = pattern(DNS1123_SUBDOMAIN, 'must be a DNS-1123 subdomain: lowercase letters, digits, "-" and ".", e.g. `registry-data`');
export const ABSOLUTE_PATH = pattern('^/', 'must be an absolute path, starting with `/`');
export const QUANTITY_PATTERN = pattern(QUANTITY, 'must be a quantity such as `500m`, `256Mi`, `10Gi` or `1.5`');

/** One cron field: a value, range or `*`, optionally stepped, in a comma-separated list (RE2 and ECMAScript alike). */
function cronField(value: string, question = false): string {
  const range = `(${value})(-(${value}))?`;
  const atom = `(\\*${question ? '|\\?' : ''}|${range})(/[1-9][0-9]?)?`;
  return `${atom}(,${atom})*`;
}
const MINUTE = '[0-5]?[0-9]';
const HOUR = '[01]?[0-9]|2[0-3]';
const DAY_OF_MONTH = '0?[1-9]|[12][0-9]|3[01]';
const MONTH = '0?[1-9]|1[0-2]|JAN|FEB|MAR|APR|MAY|JUN|JUL|AUG|SEP|OCT|NOV|DEC|jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec';
const DAY_OF_WEEK = '[0-7]|SUN|MON|TUE|WED|THU|FRI|SAT|sun|mon|tue|wed|thu|fri|sat';
const MACRO = '@(yearly|annually|monthly|weekly|daily|midnight|hourly)|@every ([0-9]+(ms|s|m|h))+';

/**
 * A standard five-field cron expression (minute hour day-of-month month day-of-week, with `*`, ranges, lists, steps and
 * month/day names) or a macro such as `@hourly`: what the CronJob controller accepts; out-of-range values, six fields
 * and `TZ=` prefixes are rejected. Written without lookaround so both Go's RE2 (Helm) and ECMAScript (ajv) compile it.
 * Every chart's schedules use it.
 */
export const CRON_SCHEDULE = `^(${MACRO}|${[cronField(MINUTE), cronField(HOUR), cronField(DAY_OF_MONTH, true), cronField(MONTH), cronField(DAY_OF_WEEK, true)].join(' ')})$`;
export const CRON = pattern(CRON_SCHEDULE, 'must be a five-field cron expression like `30 2 * * *` (minute hour day-of-month month day-of-week) or a macro such as `@daily`');
export const CronSchedule = (description: string) => T.String({ description, ...CRON });

/** An IANA time zone name such as Etc/UTC or Europe/Berlin. */
export const TIME_ZONE = pattern('^[A-Za-z][A-Za-z0-9_+-]*(/[A-Za-z0-9_+-]+)*$', 'must be an IANA time zone name such as `Europe/Berlin` or `Etc/UTC`');

/** `null`, as the alternative of an anyOf, with the title editors show for it. */
export const Null = (title: string) => T.Null({ title });

export const Quantity = (description: string) =>
  T.Union([T.String({ title: 'Quantity string', ...QUANTITY_PATTERN, description: 'Quantity as a string, e.g. 500m, 256Mi, 10Gi.' }), T.Number({ title: 'Plain number', minimum: 0, description: 'Quantity as a plain number.' })], { description });
export const IntOrPercent = (description: string, extra: object = {}) =>
  T.Union([T.Integer({ title: 'Count', minimum: 0, description: 'An absolute number.' }), T.String({ title: 'Percentage', ...pattern(PERCENT, 'must be a percentage such as `25%`'), description: 'A percentage, e.g. 25%.' })], { description, ...extra });
export const Port = (description: string) => T.Integer({ minimum: 1, maximum: 65535, description });
/** A container port by number or by name (IANA_SVC_NAME, at most 15 characters). */
export const PortRef = (description: string) =>
  T.Union([T.Integer({ title: 'Port number', minimum: 1, maximum: 65535, description: 'Port number.' }), T.String({ title: 'Port name', ...PORT_NAME, maxLength: 15, description: 'Named container port.' })], { description });
export const StringMap = (description: string) => T.Record(T.String(), T.String({ description: 'Value.' }), { description });

export const PORT_NAME = pattern(DNS1123_LABEL, 'must be a port name: at most 15 lowercase letters, digits and "-", e.g. `http`');

const PullSecret = () =>
  T.Union([T.String({ title: 'Secret name', description: 'Secret name.' }), T.Object({ name: T.String({ description: 'Secret name.' }) }, { title: 'Secret reference', description: 'Secret reference.' })]);

export const GlobalValues = T.Object(
  {
    imageRegistry: T.Optional(T.String({ description: 'Registry host that replaces every image.registry, e.g. registry.example.lan:30500.' })),
    imagePullSecrets: T.Optional(
      T.Array(PullSecret(), {
        description: 'Names of kubernetes.io/dockerconfigjson Secrets added to every Pod.',
      }),
    ),
    storageClass: T.Optional(T.String({ description: 'Default storageClassName for claims; "-" means the empty string (no dynamic provisioning).' })),
    commonLabels: T.Optional(StringMap('Labels added to every object.')),
    partOf: T.Optional(T.String({ description: 'Value of the app.kubernetes.io/part-of label on every object.' })),
  },
  { description: 'Values shared with every subchart (Helm passes `global` down unchanged).', additionalProperties: true },
);

export const PullPolicy = T.Union([T.Literal('IfNotPresent'), T.Literal('Always'), T.Literal('Never')], { description: 'When the kubelet pulls the image.' });

/** A container image. The tag must be pinned: `latest` and empty tags are rejected. */
export const Image = (description = 'Container image.') =>
  T.Object(
    {
      registry: T.String({ description: 'Registry host; empty means Docker Hub. global.imageRegistry overrides it.' }),
      repository: T.String({ description: 'Image repository.', minLength: 1 }),
      tag: T.String({ description: 'Pinned image tag (never latest).', ...pattern('^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$', 'must be an image tag: letters, digits, "_", "." and "-", e.g. `2.8.3`'), not: { const: 'latest' } }),
      digest: T.Optional(T.String({ description: 'Image digest; when set it is used instead of the tag.', ...pattern('^sha256:[a-f0-9]{64}$', 'must be an image digest: `sha256:` and 64 lowercase hex digits') })),
      pullPolicy: PullPolicy,
    },
    { description, additionalProperties: false },
  );

const Seconds = (description: string, minimum: number, maximum: number) => T.Integer({ description, minimum, maximum });

/**
 * A Kubernetes probe plus helmforge's `enabled` switch and a `type` that picks the handler. Keeping the
 * handler choice in one key (instead of "exactly one of") lets a values file switch from httpGet to
 * tcpSocket without having to null out the default handler, which Helm's merge does not do reliably.
 */
export const Probe = (description: string) =>
  T.Object(
    {
      enabled: T.Boolean({ description: 'Add this probe to the container.' }),
      type: T.Union([T.Literal('httpGet'), T.Literal('tcpSocket'), T.Literal('exec'), T.Literal('grpc')], { description: 'Which handler below the probe uses.' }),
      httpGet: T.Optional(
        T.Object(
          {
            path: T.String({ description: 'HTTP path.', ...ABSOLUTE_PATH }),
            port: PortRef('Port number or container port name.'),
            scheme: T.Optional(T.Union([T.Literal('HTTP'), T.Literal('HTTPS')], { description: 'HTTP or HTTPS.' })),
            httpHeaders: T.Optional(T.Array(T.Object({ name: T.String({ description: 'Header name.' }), value: T.String({ description: 'Header value.' }) }, { description: 'Header.', additionalProperties: false }), { description: 'Extra request headers.' })),
          },
          { description: 'HTTP GET handler: success is a status in 200–399.', additionalProperties: false },
        ),
      ),
      tcpSocket: T.Optional(T.Object({ port: PortRef('Port number or container port name.') }, { description: 'TCP handler: success is an open connection.', additionalProperties: false })),
      exec: T.Optional(T.Object({ command: T.Array(T.String({ description: 'Argument.' }), { minItems: 1, description: 'Command run in the container; exit 0 is success.' }) }, { description: 'Exec handler.', additionalProperties: false })),
      grpc: T.Optional(T.Object({ port: Port('gRPC port.'), service: T.Optional(T.String({ description: 'Service name for the gRPC health protocol.' })) }, { description: 'gRPC health-check handler.', additionalProperties: false })),
      initialDelaySeconds: T.Optional(Seconds('Seconds after start before the first probe.', 0, 3600)),
      periodSeconds: T.Optional(Seconds('Seconds between probes.', 1, 3600)),
      timeoutSeconds: T.Optional(Seconds('Seconds before a probe times out.', 1, 600)),
      successThreshold: T.Optional(Seconds('Consecutive successes to be considered healthy (must be 1 for liveness and startup probes).', 1, 100)),
      failureThreshold: T.Optional(Seconds('Consecutive failures before acting.', 1, 1000)),
      terminationGracePeriodSeconds: T.Optional(Seconds('Grace period used when this probe kills the container.', 1, 3600)),
    },
    {
      description,
      additionalProperties: false,
      // The chosen handler must be configured.
      allOf: ['httpGet', 'tcpSocket', 'exec', 'grpc'].map((h) => ({ if: { properties: { type: { const: h } }, required: ['type'] }, then: { required: [h] } })),
    },
  );

export const ServiceAccount = (description = 'ServiceAccount of the pods.') =>
  T.Object(
    {
      create: T.Boolean({ description: 'Create a ServiceAccount for this chart.' }),
      name: T.String({ description: 'Name to use; empty means the chart fullname (or "default" when create is false).' }),
      annotations: StringMap('Annotations on the ServiceAccount.'),
      automountServiceAccountToken: T.Boolean({ description: 'Mount the API token into pods (only needed when the pod talks to the API server).' }),
    },
    { description, additionalProperties: false },
  );

export const ServiceType = T.Union([T.Literal('ClusterIP'), T.Literal('NodePort'), T.Literal('LoadBalancer')], { description: 'Service type.' });
export const NodePort = (description = 'Fixed node port (30000–32767) when type is NodePort; null picks one.') =>
  T.Union([T.Integer({ title: 'Node port', minimum: 30000, maximum: 32767 }), Null('Any free node port (null)')], { description });

export const Ingress = (description = 'Ingress (networking.k8s.io/v1).') =>
  T.Object(
    {
      enabled: T.Boolean({ description: 'Create an Ingress.' }),
      className: T.String({ description: 'IngressClass name; empty uses the cluster default.' }),
      annotations: StringMap('Annotations, e.g. for the ingress controller.'),
      hosts: T.Array(
        T.Object(
          {
            host: T.String({ description: 'Host name.', ...pattern('^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$', 'must be a lowercase host name such as `app.example.com` or `*.example.com`') }),
            paths: T.Array(
              T.Object(
                {
                  path: T.String({ description: 'URL path.', ...ABSOLUTE_PATH }),
                  pathType: T.Union([T.Literal('Prefix'), T.Literal('Exact'), T.Literal('ImplementationSpecific')], { description: 'How the path matches.' }),
                },
                { description: 'A path routed to the Service.', additionalProperties: false },
              ),
              { description: 'Paths on this host.', minItems: 1 },
            ),
          },
          { description: 'A host rule.', additionalProperties: false },
        ),
        { description: 'Host rules.' },
      ),
      tls: T.Array(
        T.Object(
          { secretName: T.String({ description: 'Secret of type kubernetes.io/tls.', ...DNS_SUBDOMAIN }), hosts: T.Array(T.String({ description: 'Host name.' }), { description: 'Hosts the certificate covers.' }) },
          { description: 'A TLS entry.', additionalProperties: false },
        ),
        { description: 'TLS settings.' },
      ),
    },
    { description, additionalProperties: false },
  );

export const AccessMode = T.Union([T.Literal('ReadWriteOnce'), T.Literal('ReadOnlyMany'), T.Literal('ReadWriteMany'), T.Literal('ReadWriteOncePod')], { description: 'Access mode.' });
/** The access modes of a claim a chart writes its data to (ReadOnlyMany would leave the workload unable to start). */
export const WritableAccessMode = T.Union([T.Literal('ReadWriteOnce'), T.Literal('ReadWriteMany'), T.Literal('ReadWriteOncePod')], { description: 'Access mode.' });

/** `extra`: chart-specific keys beside the common ones (e.g. the emptyDir's size limit). */
export const Persistence = <E extends TProperties = Record<never, never>>(description = 'Persistent storage.', extra?: E) =>
  T.Object(
    {
      enabled: T.Boolean({ description: 'Use a PersistentVolumeClaim; when false an emptyDir is used (data is lost with the pod).' }),
      existingClaim: T.String({ description: 'Use this existing claim (e.g. one from nfs-pv) instead of creating one.', ...emptyOr(DNS_SUBDOMAIN) }),
      storageClass: T.String({ description: 'storageClassName of the new claim; empty uses global.storageClass, "-" means "".' }),
      accessModes: T.Array(WritableAccessMode, { description: 'Access modes of the new claim.', minItems: 1 }),
      size: T.String({ description: 'Requested size of the new claim.', ...QUANTITY_PATTERN }),
      annotations: StringMap('Annotations on the new claim.'),
      ...(extra ?? ({} as E)),
    },
    { description, additionalProperties: false },
  );

export const NameOverrides = {
  nameOverride: T.String({ description: 'Replaces the chart name in object names.' }),
  fullnameOverride: T.String({ description: 'Replaces the full object name prefix.' }),
};

export const ImagePullSecrets = () =>
  T.Array(PullSecret(), { description: 'Pull secrets for this chart only (added to global.imagePullSecrets).' });

export const TestImage = () => Image('Small image for `helm test` pods (needs wget).');

export type { TSchema };
