/**
 * `relations digest`: show or post the weekly digest.
 *
 *   relations digest --dry-run [--week 2024-W42] [--channel C…] [--json] [--no-llm]
 *       prints the digest as text, or with --json the Block Kit payload (parent and thread replies)
 *   relations digest --post [--week 2024-W42] [--channel C…] [--no-llm]
 *       posts now under the same exactly-once rule as the scheduler (a week already posted is not
 *       posted again; a crashed earlier attempt is adopted)
 *
 * The week defaults to the previous ISO week in DIGEST_TZ; the channel to DIGEST_CHANNEL. With a
 * channel, its watched pairs (if any) restrict the digest, as in Slack.
 */
import { parseArgs } from "node:util";
import { llmSettingsFromConfig } from "../services/llm.ts";
import { addNarratives, buildDigest, listDigestWeeks, periodForWeek, previousWeek, type BuildDigestOptions, type DigestWeek } from "../services/digest.ts";
import { postDigest, type DigestPort } from "../services/digest-post.ts";
import { createDigestWebClient } from "../slack/digest-port.ts";
import { renderDigestPlan, renderDigestText } from "../slack/digest-blocks.ts";
import { makeRunnerId } from "../jobs/digest.ts";
import type { CliContext, CliRun } from "./context.ts";

const USAGE = "usage: relations digest (--dry-run [--json] | --post) [--week 2024-W42] [--channel C…] [--no-llm] | --weeks";

/** `digest --weeks`: one line per week with news, newest first. */
export function formatWeeks(weeks: DigestWeek[]): string[] {
  if (!weeks.length) return ["no week has developments yet (run relations ingest first)"];
  return ["week      news  older", ...weeks.map((w) => `${w.week}  ${String(w.news).padStart(4)}  ${String(w.older).padStart(5)}`)];
}

/** Options beyond the CLI context; tests pass a Slack client pointed at a fake. */
export interface DigestCliExtras {
  slack?: DigestPort;
  sleep?: (ms: number) => Promise<void>;
}

/** Runs `relations digest` with explicit extras (the exported `run` uses none). */
export async function runDigestCli(argv: string[], ctx: CliContext, extras: DigestCliExtras = {}): Promise<number> {
  let values: { "dry-run"?: boolean; post?: boolean; json?: boolean; week?: string; channel?: string; "no-llm"?: boolean; weeks?: boolean };
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        "dry-run": { type: "boolean" },
        post: { type: "boolean" },
        json: { type: "boolean" },
        week: { type: "string" },
        channel: { type: "string" },
        "no-llm": { type: "boolean" },
        weeks: { type: "boolean" },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (e) {
    ctx.err(`digest: ${(e as Error).message}\n${USAGE}`);
    return 2;
  }
  if (values.weeks) {
    if (values["dry-run"] || values.post || values.week || values.json) {
      ctx.err(`digest: --weeks goes alone (with --db)\n${USAGE}`);
      return 2;
    }
    for (const l of formatWeeks(listDigestWeeks(ctx.db(), ctx.config.DIGEST_TZ))) ctx.out(l);
    return 0;
  }
  if (values["dry-run"] === values.post) {
    ctx.err(`digest: choose exactly one of --dry-run and --post\n${USAGE}`);
    return 2;
  }
  if (values.post && values.json) {
    ctx.err(`digest: --json goes with --dry-run\n${USAGE}`);
    return 2;
  }
  const { config } = ctx;
  const tz = config.DIGEST_TZ;
  const week = values.week ?? previousWeek(ctx.clock(), tz);
  let period;
  try {
    period = periodForWeek(week, tz);
  } catch (e) {
    ctx.err((e as Error).message);
    return 2;
  }
  const channel = values.channel ?? config.DIGEST_CHANNEL ?? null;
  const llm = values["no-llm"] ? null : llmSettingsFromConfig(config);

  if (values["dry-run"]) {
    // a channel set to Vietnamese (`/relations lang vi`) gets its digest in Vietnamese, as it would be posted
    const lang = channel ? ((await import("../db/channel-settings.repo.ts")).createChannelSettingsRepo(ctx.db()).lang(channel) ?? "en") : "en";
    const countries = await cliCountries();
    const summarize = lang === "vi" ? await cliSummarizer(countries) : undefined;
    const digest = buildDigest(ctx.db(), { period, channel, countries, lang, summarize });
    if (llm && digest.pairs.length > 0 && lang === "en") await addNarratives(digest, { settings: llm, logger: ctx.logger });
    if (values.json) {
      const plan = renderDigestPlan(digest, "dg-dry-run");
      ctx.out(JSON.stringify({ channel, period: period.id, quiet: plan.quiet, parent: { text: plan.parent.text, blocks: plan.parent.blocks }, replies: plan.replies }, null, 2));
    } else {
      ctx.out(renderDigestText(digest));
    }
    if (digest.pairs.length === 0 && digest.older.length === 0) ctx.err(quietHint(period.id, listDigestWeeks(ctx.db(), tz)));
    return 0;
  }

  if (!channel) {
    ctx.err("digest: --post needs --channel or DIGEST_CHANNEL");
    return 2;
  }
  if (!extras.slack && !config.SLACK_BOT_TOKEN) {
    ctx.err("digest: --post needs SLACK_BOT_TOKEN");
    return 2;
  }
  const slack = extras.slack ?? createDigestWebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL });
  const r = await postDigest(
    { db: ctx.db(), slack, clock: ctx.clock, logger: ctx.logger, runner: makeRunnerId(), llm, sleep: extras.sleep, countries: await cliCountries(), summarize: await cliSummarizer(await cliCountries()) },
    { channel, week: period.id, tz, postQuiet: config.DIGEST_POST_QUIET, trigger: "cli" },
  );
  const line = `digest ${r.period} → ${r.channel}: ${r.outcome}${r.ts ? ` (ts ${r.ts})` : ""}${r.repliesPosted || r.repliesAdopted ? `, ${r.repliesPosted} replies posted, ${r.repliesAdopted} adopted` : ""}`;
  const ok = ["posted", "adopted", "resumed", "already_done", "skipped_quiet"].includes(r.outcome);
  if (ok) ctx.out(line);
  else ctx.err(`${line}${r.error ? `: ${r.error}` : ""}`);
  return ok ? 0 : 1;
}

/** The gazetteer, loaded only by the commands that name countries (it takes a moment to build). */
async function cliCountries() {
  return (await import("../analyze/gazetteer.ts")).loadGazetteer();
}

/** Vietnamese summaries from a development's fields, for a channel set to Vietnamese. */
async function cliSummarizer(gazetteer: Awaited<ReturnType<typeof cliCountries>>): Promise<BuildDigestOptions["summarize"]> {
  const [{ gazetteerPort }, { summarizeVi }] = await Promise.all([import("../analyze/gazetteer-port.ts"), import("../analyze/summary-vi.ts")]);
  const port = gazetteerPort(gazetteer);
  return (facts, lang) => (lang === "vi" ? summarizeVi(facts, port) : facts.summary);
}

/** On a quiet week, the weeks that are not (the default week is often quiet right after an ingest). */
export function quietHint(week: string, weeks: DigestWeek[]): string {
  const busy = weeks.filter((w) => w.news + w.older > 0);
  if (!busy.length) return `digest: ${week} is quiet, and so is every week: no development is on record yet (run relations ingest first)`;
  const shown = busy.slice(0, 5).map((w) => `${w.week} (${w.news} news, ${w.older} older)`);
  return `digest: ${week} is quiet; weeks that are not: ${shown.join(", ")}${busy.length > 5 ? `, and ${busy.length - 5} more (relations digest --weeks)` : ""}`;
}

/** The CLI entry (see src/cli.ts COMMANDS). */
export const run: CliRun = (argv, ctx) => runDigestCli(argv, ctx);
