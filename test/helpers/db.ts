import { openDb, type Db } from "../../src/db/client.ts";

/** A fresh in-memory database with the real migrations applied. */
export function testDb(): Db {
  return openDb(":memory:");
}
