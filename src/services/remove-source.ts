/**
 * `relations sources remove`: a source goes with the articles it brought and what was built on
 * them. Developments reported only by those articles are deleted; the others are recomputed from
 * their remaining reports (a summary or date taken from a removed article must not linger). The
 * bundled samples, fiction, leave no trace in the timelines this way. One transaction.
 */
import type { Db } from "../db/client.ts";
import { deleteOrphanDevelopments, removeArticleReports } from "../db/developments.repo.ts";
import { deleteSource } from "../db/sources.repo.ts";
import { rerepresent } from "./analyze.ts";

/** What a removal took with it. */
export interface RemovedSource {
  articles: number;
  developmentsDeleted: number;
  developmentsUpdated: number;
}

/** Removes source `id`, its articles and the developments only they reported. */
export function removeSourceAndArticles(db: Db, id: number, now: Date): RemovedSource {
  return db.$client.transaction(() => {
    const articleIds = db.$client.prepare("SELECT id FROM articles WHERE source_id = ?").pluck().all(id) as number[];
    const touched = new Set<number>();
    for (const a of articleIds) for (const d of removeArticleReports(db, a)) touched.add(d);
    const del = db.$client.prepare("DELETE FROM articles WHERE id = ?");
    for (const a of articleIds) del.run(a);
    const ids = [...touched];
    const deleted = deleteOrphanDevelopments(db, ids);
    const left = ids.length ? (db.$client.prepare(`SELECT id FROM developments WHERE id IN (${ids.map(() => "?").join(",")})`).pluck().all(...ids) as number[]) : [];
    for (const d of left) rerepresent(db, d, now.toISOString());
    deleteSource(db, id);
    return { articles: articleIds.length, developmentsDeleted: deleted, developmentsUpdated: left.length };
  })();
}
