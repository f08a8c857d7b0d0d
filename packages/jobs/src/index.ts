// The jobs chart: schema, defaults, templates and CI scenarios, composed by buildChart.
import { defineSubchart } from '@helmforge/core';
import { defaults } from './defaults.js';
import { scenarios } from './scenarios.js';
import { schema } from './schema.js';

export { schema, defaults, scenarios };
export { type JobsValues } from './schema.js';
export { BACKUP_CLAIM, BACKUP_SOURCE_CLAIM } from './defaults.js';

const README = `Three maps of named entries, one shape: \`jobs\` (run once per release), \`cronJobs\` (on a schedule) and \`hooks\`
(Helm hook Jobs, for example a pre-install/pre-upgrade migration). The key is the entry's name, so a values file that adds
\`cronJobs: { rotate-logs: {…} }\` keeps the default \`backup\`, and \`backup: { enabled: false }\` switches it off. Every entry starts from \`defaults\` (image, resources, secure pod and
container securityContext, restartPolicy, backoffLimit, …) and overrides what it needs; securityContext keys are merged.

**The schema catches mistakes before the cluster does.** \`restartPolicy\` is \`OnFailure\` or \`Never\` (a Job with \`Always\`
is rejected), \`backoffLimit\` and the other counts are non-negative, and \`schedule\` must be a five-field cron expression
or a macro such as \`@daily\` (the pattern compiles in Go's RE2, so \`helm install\` itself rejects a malformed schedule).

**Jobs survive upgrades.** A Job's pod template is immutable; each plain Job's name ends in a hash of its spec, so a changed
job becomes a new Job (and runs again) instead of failing \`helm upgrade\`. Plain Jobs get no TTL by default, because Helm
would re-create a deleted Job on the next upgrade. CronJobs default to \`concurrencyPolicy: Forbid\` and short histories,
so runs cannot pile up; their runs and hook Jobs are removed after \`defaults.ttlSecondsAfterFinished\`.

**Default example.** A nightly backup CronJob tars the \`app-data\` claim into the \`backup-data\` claim (both from nfs-pv)
and prunes archives older than \`KEEP_DAYS\`; a \`migrate\` pre-install/pre-upgrade hook shows where a migration goes.`;

export const { CHART_NAME, CHART_VERSION, generate } = defineSubchart({
  metadata: {
    name: 'jobs',
    description: 'Batch work: Jobs, CronJobs and Helm hook Jobs from named entries in values, with secure pod defaults.',
    version: '0.1.0',
    appVersion: '0.1.0',
    keywords: ['job', 'cronjob', 'hook', 'backup'],
  },
  schema,
  defaults,
  scenarios,
  readme: README,
  packageUrl: import.meta.url,
});
export { topology } from './topology.js';
