/**
 * The build: src/**\/*.ts compiled one file to one file into dist/ (esbuild, no bundling, so a
 * command still loads only the modules it imports), relative `./x.ts` imports rewritten to
 * `./x.js`, JSON imported as a module inlined, and the data files read at run time (src/**\/*.json) copied beside them. dist/ mirrors
 * src/, so paths resolved from import.meta.url (../../migrations, ../samples, ../package.json,
 * ./data/) land on the same files from either tree.
 *
 *   node scripts/build.mjs          build (npm run build; npm ci runs it as `prepare`)
 *   import { ensureBuilt } …        build only when a source is newer than the last build
 *
 * Plain JavaScript: bin/relations.mjs and bin/start.mjs import it before anything is compiled.
 * esbuild itself is imported only when a build is needed.
 */
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

/** This project; every function takes another root for tests. */
export const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** Written last by a successful build; its mtime is when the build began. */
const STAMP = ".build-stamp";

/** Every file under dir, recursively. */
function walk(dir) {
  const out = [];
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) out.push(...walk(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}

/** True when dist/ is missing or a file under src/ (or the build itself) changed after the last build. */
export function isStale(root = ROOT) {
  const srcDir = join(root, "src");
  if (!existsSync(srcDir)) return false; // an installed copy without sources: run what is there
  let built;
  try {
    built = statSync(join(root, "dist", STAMP)).mtimeMs;
  } catch {
    return true;
  }
  const files = walk(srcDir);
  // a directory's mtime changes when a file in it is deleted or renamed
  const dirs = new Set([srcDir, ...files.map((f) => dirname(f))]);
  return [fileURLToPath(import.meta.url), ...files, ...dirs].some((f) => statSync(f).mtimeMs > built);
}

/** Compiles src/ into a fresh dist/; returns the number of modules written. */
export async function build(root = ROOT) {
  const srcDir = join(root, "src");
  const distDir = join(root, "dist");
  // the next whole millisecond (a file's mtime has finer grain than a Date)
  const started = new Date(Date.now() + 1);
  const { build: esbuild } = await import("esbuild");
  const files = walk(srcDir);
  const entryPoints = files.filter((f) => f.endsWith(".ts") && !f.endsWith(".d.ts"));
  const tmp = `${distDir}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  try {
    await esbuild({
      entryPoints,
      outdir: tmp,
      outbase: srcDir,
      bundle: true, // only so the plugin below sees every import; each one is left external
      packages: "external",
      format: "esm",
      platform: "node",
      target: "node20",
      logLevel: "warning",
      plugins: [
        {
          name: "relative-imports-stay-modules",
          setup(b) {
            b.onResolve({ filter: /^\.\.?\// }, (args) => {
              // the entry itself, and JSON data imported with { type: "json" }: esbuild inlines
              // those (it would drop the import attribute Node needs on an external JSON import)
              if (args.kind === "entry-point" || args.path.endsWith(".json")) return undefined;
              return { path: args.path.replace(/\.ts$/, ".js"), external: true };
            });
          },
        },
      ],
    });
    for (const f of files.filter((f) => f.endsWith(".json"))) {
      const to = join(tmp, relative(srcDir, f));
      mkdirSync(dirname(to), { recursive: true });
      cpSync(f, to);
    }
  } catch (err) {
    rmSync(tmp, { recursive: true, force: true });
    throw err;
  }
  // stamped with the time the build began, so a source saved during the build makes it stale
  writeFileSync(join(tmp, STAMP), `${started.toISOString()}\n`);
  utimesSync(join(tmp, STAMP), started, started);
  // swapped in whole, so a process never runs half of an old build and half of a new one
  const old = `${distDir}.old-${process.pid}`;
  if (existsSync(distDir)) renameSync(distDir, old);
  renameSync(tmp, distDir);
  rmSync(old, { recursive: true, force: true });
  return entryPoints.length;
}

/** Builds when stale; a failed build ends the process with one line (there is nothing to run). */
export async function ensureBuilt(root = ROOT) {
  if (!isStale(root)) return;
  try {
    await build(root);
  } catch (err) {
    process.stderr.write(`relations: building dist/ from src/ failed (run npm run build to see why): ${err.message.split("\n")[0]}\n`);
    process.exit(1);
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const t0 = performance.now();
  const n = await build();
  process.stdout.write(`build: ${n} modules into ${relative(process.cwd(), join(ROOT, "dist")) || "."}/ in ${Math.round(performance.now() - t0)} ms\n`);
}
