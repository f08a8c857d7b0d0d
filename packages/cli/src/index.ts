export { main, buildProgram, VERSION, type Io } from './program.js';
export { runGenerate, type GenerateOptions } from './commands/generate.js';
