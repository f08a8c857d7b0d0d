// What the schemas give editors beyond validation: readable pattern errors, Markdown descriptions, titled
// alternatives, enums, and the one cron pattern every chart's schedules share.
import { describe, expect, it } from 'vitest';
import { CRON, CRON_SCHEDULE, CronSchedule, NodePort, PullPolicy, T, forEditors, pattern, patternsWithoutMessage, toJsonSchema, untitledAlternatives, validateAgainst } from '../src/index.js';

describe('CRON_SCHEDULE, shared by every chart', () => {
  const re = new RegExp(CRON_SCHEDULE);
  it.each(['30 2 * * *', '*/15 * * * *', '0 8-18/2 * JAN-DEC MON-FRI', '59 23 28-31 * *', '0 0 1,15 * ?', '5/10 * * * 0', '0 3 * * 0', '@hourly', '@daily', '@every 1h30m'])('accepts %s', (s) => {
    expect(re.test(s)).toBe(true);
  });
  it.each(['99 99 * * *', '61 * * * *', '* * * *', '* * * * * *', '0 24 * * *', '0 0 32 * *', '0 0 * 13 *', '0 0 * * 8', '*/0 * * * *', '@weekdays', 'TZ=UTC 0 0 * * *', ' 0 0 * * *', 'every day'])('rejects %s', (s) => {
    expect(re.test(s)).toBe(false);
  });

  it('is reported in words, also by helmforge', () => {
    const schema = toJsonSchema(T.Object({ schedule: CronSchedule('When it runs.') }));
    expect(validateAgainst(schema, { schedule: '99 99 * * *' })).toEqual([{ pointer: '/schedule', message: CRON.patternErrorMessage }]);
    expect(CRON.patternErrorMessage).toBe('must be a five-field cron expression like `30 2 * * *` (minute hour day-of-month month day-of-week) or a macro such as `@daily`');
  });
});

describe('forEditors', () => {
  const schema = toJsonSchema(
    T.Object({
      pullPolicy: PullPolicy,
      nodePort: NodePort(),
      note: T.String({ description: 'Set `enabled: false` to leave it out; see [the docs](https://example.com).' }),
      plain: T.String({ description: 'No markup here.' }),
    }),
  ) as { properties: Record<string, Record<string, unknown>> };

  it('turns an alternative of constants into an enum', () => {
    expect(schema.properties.pullPolicy).toEqual({ description: 'When the kubelet pulls the image.', type: 'string', enum: ['IfNotPresent', 'Always', 'Never'] });
  });

  it('puts a Markdown description in markdownDescription, with plain text beside it', () => {
    expect(schema.properties.note).toMatchObject({
      markdownDescription: 'Set `enabled: false` to leave it out; see [the docs](https://example.com).',
      description: 'Set enabled: false to leave it out; see the docs (https://example.com).',
    });
    expect(schema.properties.plain).toEqual({ type: 'string', description: 'No markup here.' });
    expect(forEditors(schema)).toEqual(schema);
  });

  it('keeps the title of each alternative', () => {
    expect((schema.properties.nodePort?.anyOf as { title: string }[]).map((a) => a.title)).toEqual(['Node port', 'Any free node port (null)']);
  });
});

describe('generation checks', () => {
  it('find patterns without a patternErrorMessage (a `not` needs none)', () => {
    const schema = { properties: { a: { pattern: '^x$' }, b: pattern('^y$', 'must be y'), c: { not: { pattern: '^z$' } } } };
    expect(patternsWithoutMessage(schema)).toEqual(['/properties/a/pattern']);
  });

  it('find anyOf/oneOf alternatives without a title', () => {
    expect(untitledAlternatives({ properties: { a: { anyOf: [{ title: 'One', type: 'string' }, { type: 'null' }] }, b: { oneOf: [{ type: 'integer' }] } } })).toEqual([
      '/properties/a/anyOf/1',
      '/properties/b/oneOf/0',
    ]);
  });
});
