/**
 * Issue 11 through the real `relations` bin (child processes): a hostile page is refused by the
 * extraction worker under the bin's loader, in bounded time, with the reason on stderr.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { FixtureServer } from "../helpers/fixture-server.ts";
import { nestedDivPage, widePage } from "../helpers/hostile-pages.ts";
import { startSite } from "../fixtures/site/site.ts";
import { runCli } from "./run-cli.ts";

let srv: FixtureServer;
const html = { "content-type": "text/html; charset=utf-8" };
beforeAll(async () => {
  srv = await startSite({ "/deep": { body: nestedDivPage(5000), headers: html }, "/wide": { body: widePage(1_500_000), headers: html } });
});
afterAll(() => srv.close());
const tempDb = () => join(mkdtempSync(join(tmpdir(), "rel-hostile-")), "cli.db");

describe("relations ingest on hostile pages", { timeout: 60_000 }, () => {
  it("the extraction worker runs under the bin: a slow page is cut at EXTRACT_TIMEOUT_MS and refused with the reason, exit 1", async () => {
    const t0 = Date.now();
    const r = await runCli(["--db", tempDb(), "ingest", srv.url("/wide")], { EXTRACT_TIMEOUT_MS: "800", FETCH_MAX_BYTES: "3000000" });
    expect(r.stderr).toContain(`ingest: page extraction took longer than 800 ms; refused as hostile or broken: ${srv.url("/wide")}`);
    expect(r.stdout).toBe("sources 1, new 0, unchanged 0, skipped 0, failed 1\n");
    expect(r.code).toBe(1);
    expect(Date.now() - t0).toBeLessThan(20_000);
  });

  it("a nested-div page (N = 5,000) is refused for its depth with the reason, exit 1", async () => {
    const r = await runCli(["--db", tempDb(), "ingest", srv.url("/deep")]);
    expect(r.stderr).toContain(`ingest: page nests elements more than 200 deep; refused as hostile or broken: ${srv.url("/deep")}`);
    expect(r.code).toBe(1);
  });
});
