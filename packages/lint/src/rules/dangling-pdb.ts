import { describeSelector, isEmptySelector } from '../k8s/selector.js';
import type { Rule } from '../types.js';
import { pdbSelector } from './shared/pdb.js';

export const danglingPdb: Rule = {
  id: 'dangling-pdb',
  category: 'cross-resource',
  severity: 'warning',
  kinds: ['PodDisruptionBudget'],
  description: 'A PodDisruptionBudget whose selector matches the pod labels of no workload in its namespace protects nothing (a typo in a label, or a workload renamed).',
  remediation: 'Make the selector match the workload\'s pod template labels.',
  check(release, report) {
    for (const pdb of release.ofKind('PodDisruptionBudget')) {
      const s = pdbSelector(pdb);
      if (s === undefined || isEmptySelector(s)) continue;
      if (release.podsMatching(pdb.namespace, s).length === 0) {
        report(pdb, '/spec/selector', `no pods found matching the selector (${describeSelector(s)})`);
      }
    }
  },
};
