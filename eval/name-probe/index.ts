// Public entry point of the name-recall probe (see CONVENTIONS.md).
export { NAME_PROBE_SEED, PROBE_FACILITY, generateNameProbe } from './generate.js';
