#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ so an installed package starts without compiling.
// The AWS SDK's multi-line NodeVersionSupportWarning would land on stderr of every live run (and between the
// spinner's frames); login-doctor reports the Node version once, as the environment.node finding, instead.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
const { main } = await import('../dist/cli/main.js');

process.exitCode = await main(process.argv.slice(2));
