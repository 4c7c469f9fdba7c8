export type { Open311Config } from './config.ts';
export { DEFAULT_OPEN311, readOpen311Config } from './config.ts';
export { sendErrors as sendOpen311Errors } from './errors.ts';
export { open311Routes } from './routes.ts';
