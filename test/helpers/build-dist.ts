// vitest globalSetup: the tests spawn the real bins, which run dist/; it is brought up to date
// once here, before the test files run in parallel, rather than by each spawned process.
import { ensureBuilt } from "../../scripts/build.mjs";

export default async function setup(): Promise<void> {
  await ensureBuilt();
}
