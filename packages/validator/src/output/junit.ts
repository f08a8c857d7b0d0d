// kubeconform's JUnit output: a <testsuite> per file, a <testcase> per resource (classname Kind@apiVersion). Lint
// findings come after, in a <testsuite> per rule: a <failure> per error or warning, information as <system-out>.
import type { Finding } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, findingOrigin, findingPath, resultPath } from './output.js';

export interface JunitCase {
  name: string;
  classname: string;
  status: ValidationResult['status'];
  message: string;
  /** The failure's type (a finding's severity). */
  type?: string;
  /** Text for <system-out> (a finding of severity info, which is not a failure). */
  out?: string;
}

/** The prefix of a lint rule's <testsuite> name (`lint latest-tag`). */
export const LINT_SUITE = 'lint ';

/** A finding as a test case: errors and warnings fail it, information is its output. */
function findingCase(f: Finding): JunitCase {
  const o = f.object;
  const text = `${f.message} (at ${f.pointer || '/'})${findingOrigin(f)}`;
  const c = { name: `${findingPath(f)} ${o.namespace !== '' ? `${o.namespace}/` : ''}${o.name}`, classname: `${o.kind}@${o.apiVersion}` };
  return f.severity === 'info' ? { ...c, status: 'valid', message: '', out: `info: ${text}` } : { ...c, status: 'invalid', message: text, type: f.severity };
}

export function xmlEscape(s: string): string {
  // characters XML 1.0 cannot carry at all are replaced
  return s
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export class JunitOutput extends CountingOutput {
  private readonly suites = new Map<string, JunitCase[]>();
  private readonly start = Date.now();
  private readonly ruleSuites = new Map<string, JunitCase[]>();

  protected reportFinding(f: Finding): void {
    let suite = this.ruleSuites.get(f.rule);
    if (suite === undefined) this.ruleSuites.set(f.rule, (suite = []));
    suite.push(findingCase(f));
  }
  protected report(r: ValidationResult): void {
    if (r.status === 'empty') return;
    const path = resultPath(r);
    let suite = this.suites.get(path);
    if (suite === undefined) {
      suite = [];
      this.suites.set(path, suite);
    }
    suite.push({
      name: r.namespace !== '' ? `${r.namespace}/${r.name}` : r.name,
      classname: `${r.kind}@${r.apiVersion}`,
      status: r.status,
      message: r.message ?? '',
    });
  }

  flush(): void {
    const s = this.counter.summary;
    const time = ((Date.now() - this.start) / 1000).toFixed(3);
    const findings = [...this.ruleSuites.values()].flat();
    const failed = findings.filter((c) => c.status === 'invalid').length;
    const totals = { tests: this.counter.resources + findings.length, failures: s.invalid + failed, disabled: s.skipped, errors: s.errors };
    const suites = new Map([...this.suites, ...[...this.ruleSuites].map(([rule, cases]) => [`${LINT_SUITE}${rule}`, cases] as const)]);
    this.w.write(junitXml(this.opts.toolName ?? 'kubeconform', time, totals, suites));
  }
}

/** The JUnit document: one <testsuite> per file (in the order given), one <testcase> per resource or finding. */
export function junitXml(
  toolName: string,
  time: string,
  totals: { tests: number; failures: number; disabled: number; errors: number },
  suites: ReadonlyMap<string, readonly JunitCase[]>,
): string {
  const lines: string[] = [];
  lines.push(
    `<testsuites name="${xmlEscape(toolName)}" time="${time}" tests="${totals.tests}" failures="${totals.failures}" disabled="${totals.disabled}" errors="${totals.errors}">`,
  );
  let id = 0;
  for (const [name, cases] of suites) {
    id++;
    const failures = cases.filter((c) => c.status === 'invalid').length;
    const errors = cases.filter((c) => c.status === 'error').length;
    const skipped = cases.filter((c) => c.status === 'skipped').length;
    lines.push(`  <testsuite name="${xmlEscape(name)}" id="${id}" tests="${cases.length}" failures="${failures}" errors="${errors}" disabled="0" skipped="${skipped}">`);
    for (const c of cases) {
      const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}"`;
      if (c.status === 'invalid') lines.push(`${open}>`, `      <failure message="${xmlEscape(c.message)}" type="${xmlEscape(c.type ?? '')}"></failure>`, '    </testcase>');
      else if (c.status === 'error') lines.push(`${open}>`, `      <error message="${xmlEscape(c.message)}" type=""></error>`, '    </testcase>');
      else if (c.status === 'skipped') lines.push(`${open}>`, '      <skipped message=""></skipped>', '    </testcase>');
      else if (c.out !== undefined) lines.push(`${open}>`, `      <system-out>${xmlEscape(c.out)}</system-out>`, '    </testcase>');
      else lines.push(`${open}></testcase>`);
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>');
  return `${lines.join('\n')}\n`;
}
