#!/usr/bin/env node
// `npm start`: the main job (ingest, analyzer, Slack or the terminal shell) from the compiled
// dist/, in this one process. dist/ is built by `npm ci` (prepare) and again here when a source
// under src/ is newer than it; `npm run dev` runs the sources through tsx instead.
import { ensureBuilt } from "../scripts/build.mjs";
await ensureBuilt();
const { main } = await import("../dist/main.js");
await main();
