// kubeconform's JUnit output: a <testsuite> per file, a <testcase> per resource (classname Kind@apiVersion). Lint
// findings come after, in a <testsuite> per rule: a <failure> per error or warning, information as <system-out>.
import type { Finding } from '@helmforge/lint';
import type { ValidationResult } from '../validator/result.js';
import { CountingOutput, findingOrigin, findingPath, resultPath } from './output.js';

interface Case {
  name: string;
  classname: string;
  status: ValidationResult['status'];
  message: string;
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
  private readonly suites = new Map<string, Case[]>();
  private readonly start = Date.now();
  private readonly ruleSuites = new Map<string, Finding[]>();

  protected reportFinding(f: Finding): void {
    let suite = this.ruleSuites.get(f.rule);
    if (suite === undefined) this.ruleSuites.set(f.rule, (suite = []));
    suite.push(f);
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
    const lines: string[] = [];
    const findings = [...this.ruleSuites.values()].flat();
    const failed = findings.filter((f) => f.severity !== 'info').length;
    lines.push(
      `<testsuites name="${xmlEscape(this.opts.toolName ?? 'kubeconform')}" time="${time}" tests="${this.counter.resources + findings.length}" failures="${s.invalid + failed}" disabled="${s.skipped}" errors="${s.errors}">`,
    );
    let id = 0;
    for (const [name, cases] of this.suites) {
      id++;
      const failures = cases.filter((c) => c.status === 'invalid').length;
      const errors = cases.filter((c) => c.status === 'error').length;
      const skipped = cases.filter((c) => c.status === 'skipped').length;
      lines.push(
        `  <testsuite name="${xmlEscape(name)}" id="${id}" tests="${cases.length}" failures="${failures}" errors="${errors}" disabled="0" skipped="${skipped}">`,
      );
      for (const c of cases) {
        const open = `    <testcase name="${xmlEscape(c.name)}" classname="${xmlEscape(c.classname)}"`;
        if (c.status === 'invalid') lines.push(`${open}>`, `      <failure message="${xmlEscape(c.message)}" type=""></failure>`, '    </testcase>');
        else if (c.status === 'error') lines.push(`${open}>`, `      <error message="${xmlEscape(c.message)}" type=""></error>`, '    </testcase>');
        else if (c.status === 'skipped') lines.push(`${open}>`, '      <skipped message=""></skipped>', '    </testcase>');
        else lines.push(`${open}></testcase>`);
      }
      lines.push('  </testsuite>');
    }
    for (const [rule, list] of this.ruleSuites) {
      id++;
      const failures = list.filter((f) => f.severity !== 'info').length;
      lines.push(`  <testsuite name="${xmlEscape(`lint ${rule}`)}" id="${id}" tests="${list.length}" failures="${failures}" errors="0" disabled="0" skipped="0">`);
      for (const f of list) {
        const o = f.object;
        const open = `    <testcase name="${xmlEscape(`${findingPath(f)} ${o.namespace !== '' ? `${o.namespace}/` : ''}${o.name}`)}" classname="${xmlEscape(`${o.kind}@${o.apiVersion}`)}">`;
        const text = `${f.message} (at ${f.pointer || '/'})${findingOrigin(f)}`;
        if (f.severity === 'info') lines.push(open, `      <system-out>${xmlEscape(`info: ${text}`)}</system-out>`, '    </testcase>');
        else lines.push(open, `      <failure message="${xmlEscape(text)}" type="${f.severity}"></failure>`, '    </testcase>');
      }
      lines.push('  </testsuite>');
    }
    lines.push('</testsuites>');
    this.w.write(`${lines.join('\n')}\n`);
  }
}
