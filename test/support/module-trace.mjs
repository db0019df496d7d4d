// Test-only loader hook: appends every resolved module URL to $LOGIN_DOCTOR_MODULE_TRACE.
import { appendFileSync } from 'node:fs';

export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  if (process.env.LOGIN_DOCTOR_MODULE_TRACE) appendFileSync(process.env.LOGIN_DOCTOR_MODULE_TRACE, `${result.url}\n`);
  return result;
}
