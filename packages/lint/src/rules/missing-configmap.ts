import { missingReferenceRule } from './shared/references.js';

export const missingConfigMap = missingReferenceRule('ConfigMap');
