// Entry of an extraction worker thread when running from the sources (see extract-pool.ts; the
// compiled pool starts dist/ingest/extract-worker.js directly). Workers do not inherit a loader
// registered with module.register() in the main thread (vitest, tsx), so tsx is
// registered here before the TypeScript body is loaded; under `tsx src/main.ts` this is harmless.
import { register } from "tsx/esm/api";

register();
await import("./extract-worker.ts");
