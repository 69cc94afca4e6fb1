export { buildProgram, reportFatal } from './program.js';
export type { Boot, Runtime } from './runtime.js';
