import { register } from 'node:module';

register('./module-trace.mjs', import.meta.url);
