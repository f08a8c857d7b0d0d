import { missingReferenceRule } from './shared/references.js';

export const missingSecret = missingReferenceRule('Secret');
