export * from './components.js';
export * from './stack.js';
export * from './compose.js';
export * from './editor-schemas.js';
export * from './starter.js';
