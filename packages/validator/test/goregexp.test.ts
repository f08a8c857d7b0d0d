// Go (RE2) regular expressions as JavaScript ones: what Go's regexp.MatchString says, for the syntax Kubernetes
// schemas and CRDs use and for what JavaScript reads differently.
import { describe, expect, it } from 'vitest';
import { goRegExp, GoRegExpError } from '../src/index.js';

describe('Go regular expressions', () => {
  const cases: [string, string[], string[]][] = [
    // [pattern, matching, not matching] (what Go's regexp.MatchString answers)
    ['^(?i)(abort|warn)?$', ['ABORT', 'Warn', 'abort', ''], ['never', 'abortx']],
    ['(?i)^[a-z]+$', ['AbC'], ['a1']],
    ['a(?i)b|c', ['aB', 'C', 'c'], ['Ab', 'x']],
    ['(?i:k)', ['K', 'k', '\u212a'], ['x']],
    ['^\\pL+\\z', ['héllo'], ['h1', 'hello\n']],
    ['^\\p{Greek}$', ['α'], ['a']],
    ['^[[:alpha:]]+$', ['ab'], ['a1']],
    ['^[^[:^alpha:]]$', ['a'], ['1']],
    ['^\\s$', [' ', '\t', '\n', '\f', '\r'], ['\v', '\u00a0']],
    ['^.$', ['a', '\r'], ['\n']],
    ['(?s)^.$', ['\n'], []],
    ['^\\Qa.b\\E$', ['a.b'], ['axb']],
    ['^a{,2}$', ['a{,2}'], ['aa']],
    ['^\\x{41}\\x42\\101$', ['ABA'], ['AB']],
    ['^(?P<n>x)(?P<m>y)$', ['xy'], ['x']],
    ['(?m)^b$', ['a\nb\nc'], ['ab']],
    ['^a+?$', ['aaa'], ['b']],
    ['^[]a]$', [']', 'a'], ['b']],
    ['^(\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))(([KMGTPE]i)|[numkMGTPE]|([eE](\\+|-)?(([0-9]+(\\.[0-9]*)?)|(\\.[0-9]+))))?$', ['100m', '1.5Gi', '2e3', '-1'], ['1.5G5', 'x']],
  ];
  it.each(cases)('%s', (pattern, yes, no) => {
    const re = goRegExp(pattern);
    for (const s of yes) expect(re.test(s), JSON.stringify(s)).toBe(true);
    for (const s of no) expect(re.test(s), JSON.stringify(s)).toBe(false);
  });

  it.each(['x(?=y)', 'x(?!y)', '(?<=a)b', '\\1', '*a', 'a**', 'a{1001}', '(a', 'a)', '[a', '\\pX', '\\q'])('rejects %s, as Go does', (pattern) => {
    expect(() => goRegExp(pattern)).toThrow(GoRegExpError);
  });
});
