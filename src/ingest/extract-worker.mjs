// Entry of an extraction worker thread (see extract-pool.ts). Workers do not inherit a loader
// registered with module.register() in the main thread (vitest, the `relations` bin), so tsx is
// registered here before the TypeScript body is loaded; under `tsx src/main.ts` this is harmless.
import { register } from "tsx/esm/api";

register();
await import("./extract-worker.ts");
