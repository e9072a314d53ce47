/**
 * After a kill -9 the dead process's lease is taken over at once on the same host (issue 11);
 * a live holder or one on another host keeps it until it expires. Real child processes.
 */
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { getLease } from "../../src/db/leases.repo.ts";
import { acquireLease, holderIsGone } from "../../src/jobs/lease.ts";
import { runNode } from "../cli/run-cli.ts";

const dbs: Db[] = [];
afterEach(() => dbs.splice(0).forEach(closeDb));
const tempDb = () => {
  const path = join(mkdtempSync(join(tmpdir(), "rel-lease-")), "r.db");
  const db = openDb(path);
  dbs.push(db);
  return { path, db };
};
const putLease = (db: Db, holder: string, ms: number) =>
  db.$client.prepare("insert or replace into leases (name, holder, expires_at) values ('ingest', ?, ?)").run(holder, new Date(Date.now() + ms).toISOString());

describe("the ingest lease after kill -9", () => {
  it("a process killed with SIGKILL while holding the lease: a restart on the same host takes it at once, not after 5 minutes", async () => {
    const { path, db } = tempDb();
    const script = `import { openDb } from "./src/db/client.ts"; import { acquireLease } from "./src/jobs/lease.ts";
      const l = acquireLease(openDb(${JSON.stringify(path)}), { name: "ingest" });
      console.log(l.holder); process.kill(process.pid, "SIGKILL");`;
    const child = await runNode(["--import", "tsx", "--input-type=module", "-e", script]);
    expect(child.code).toBeNull();
    const dead = child.stdout.trim();
    expect(dead).toMatch(new RegExp(`^${hostname()}:\\d+:[0-9a-f]+$`));
    const row = getLease(db, "ingest")!;
    expect(row.holder).toBe(dead);
    expect(Date.parse(row.expiresAt) - Date.now()).toBeGreaterThan(4 * 60_000);
    const t0 = Date.now();
    const lease = acquireLease(db, { name: "ingest" });
    expect(lease).not.toBeNull();
    expect(Date.now() - t0).toBeLessThan(1000);
    expect(getLease(db, "ingest")!.holder).toBe(lease!.holder);
    lease!.release();
  }, 30_000);

  it.each([
    ["a live process on this host (our parent)", () => `${hostname()}:${process.ppid}:abcd1234`],
    ["this very process under another call", () => `${hostname()}:${process.pid}:abcd1234`],
    ["a process on another host, even with a pid that is free here", () => `other-host.example:999999:abcd1234`],
    ["a holder id in an unknown format", () => `someone`],
  ])("the lease of %s stays until it expires", (_name, holder) => {
    const { db } = tempDb();
    putLease(db, holder(), 60_000);
    expect(holderIsGone(holder())).toBe(false);
    expect(acquireLease(db, { name: "ingest" })).toBeNull();
    expect(getLease(db, "ingest")!.holder).toBe(holder());
  });
});
