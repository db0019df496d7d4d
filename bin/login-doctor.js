#!/usr/bin/env node
// Thin launcher: the compiled CLI lives in dist/ so an installed package starts without compiling.
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
