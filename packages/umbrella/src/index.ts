export * from './components.js';
export * from './stack.js';
export * from './compose.js';
export * from './starter.js';
export * from './trace.js';
export * from './references.js';
