/** The package version (src/version.ts: the import layer keeps it with each import too). */
export { VERSION } from '../version.js';
