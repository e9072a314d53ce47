#!/usr/bin/env node
// The `relations` command, from the compiled dist/cli.js in this one process. dist/ is built by
// `npm ci` (prepare) and again here when a source under src/ is newer than it.
import { ensureBuilt } from "../scripts/build.mjs";
await ensureBuilt();
await import("../dist/cli.js");
