#!/usr/bin/env node
// The `zoomhls` command: runs the sidecar CLI straight from its TypeScript source through tsx,
// so an admin's checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
