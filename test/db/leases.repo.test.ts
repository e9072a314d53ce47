import { afterEach, describe, expect, it } from "vitest";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { closeDb, openDb, type Db } from "../../src/db/client.ts";
import { getLease, releaseLease, renewLease, tryAcquireLease } from "../../src/db/leases.repo.ts";

const T0 = new Date("2026-01-01T00:00:00Z");
const at = (ms: number) => new Date(T0.getTime() + ms);

describe("leases.repo on two connections to one file", () => {
  const open: Db[] = [];
  afterEach(() => open.splice(0).forEach(closeDb));
  const twoConnections = () => {
    const path = join(mkdtempSync(join(tmpdir(), "rel-lease-")), "l.db");
    const a = openDb(path);
    const b = openDb(path);
    open.push(a, b);
    return [a, b] as const;
  };

  it("lets one holder in, keeps the other out until release", () => {
    const [a, b] = twoConnections();
    expect(tryAcquireLease(a, "ingest", "A", T0, 60_000)).toBe(true);
    expect(tryAcquireLease(b, "ingest", "B", at(1000), 60_000)).toBe(false);
    expect(getLease(b, "ingest")?.holder).toBe("A");
    releaseLease(a, "ingest", "A");
    expect(tryAcquireLease(b, "ingest", "B", at(2000), 60_000)).toBe(true);
  });

  it("lets an expired lease be taken over, and the old holder cannot renew it", () => {
    const [a, b] = twoConnections();
    expect(tryAcquireLease(a, "ingest", "A", T0, 10_000)).toBe(true);
    expect(tryAcquireLease(b, "ingest", "B", at(9_999), 10_000)).toBe(false);
    expect(tryAcquireLease(b, "ingest", "B", at(10_000), 10_000)).toBe(true);
    expect(renewLease(a, "ingest", "A", at(10_001), 10_000)).toBe(false);
    // releasing someone else's lease does nothing
    releaseLease(a, "ingest", "A");
    expect(getLease(b, "ingest")?.holder).toBe("B");
  });

  it("renewal extends the expiry for the holder", () => {
    const [a, b] = twoConnections();
    tryAcquireLease(a, "ingest", "A", T0, 10_000);
    expect(renewLease(a, "ingest", "A", at(8_000), 10_000)).toBe(true);
    expect(tryAcquireLease(b, "ingest", "B", at(12_000), 10_000)).toBe(false);
    expect(getLease(b, "ingest")?.expiresAt).toBe(at(18_000).toISOString());
  });

  it("re-acquiring our own lease succeeds", () => {
    const [a] = twoConnections();
    expect(tryAcquireLease(a, "x", "A", T0, 1000)).toBe(true);
    expect(tryAcquireLease(a, "x", "A", at(10), 1000)).toBe(true);
  });
});
