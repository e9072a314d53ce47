// Loader hooks for trace-loads.mjs: report each resolved module once.
const seen = new Set();
export async function resolve(specifier, context, next) {
  const r = await next(specifier, context);
  if (!seen.has(r.url)) {
    seen.add(r.url);
    process.stderr.write(`load ${r.url}\n`);
  }
  return r;
}
