// Preloaded with NODE_OPTIONS=--import: any import of @aws-sdk/* fails, so a test proves a run never loads the SDK.
import { register } from 'node:module';

const hooks = `export async function resolve(specifier, context, next) {
  if (specifier.startsWith('@aws-sdk/')) throw new Error('login-doctor test: @aws-sdk loaded: ' + specifier);
  return next(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
