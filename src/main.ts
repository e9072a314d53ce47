/**
 * Composition root: reads the environment (the only place besides src/cli.ts), opens the
 * database, seeds the bundled sample sources on first start, wires ingest → analyzer, the chat
 * core, and a front end — Slack (Socket Mode or HTTP) when tokens are set, else the terminal shell.
 */
import { existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import type { Readable, Writable } from "node:stream";
import { ConfigError, loadConfig, type Config } from "./config.ts";
import { closeDb, openDb, type Db } from "./db/client.ts";
import { createTimelineRepo } from "./db/timeline.repo.ts";
import { createWatchesRepo } from "./db/watches.repo.ts";
import { createBotMessagesRepo } from "./db/bot-messages.repo.ts";
import { createChannelSettingsRepo } from "./db/channel-settings.repo.ts";
import { gazetteerPort } from "./analyze/gazetteer-port.ts";
import { summarizeVi } from "./analyze/summary-vi.ts";
import { insertSource, listSources } from "./db/sources.repo.ts";
import { createTimelineService } from "./services/timeline.ts";
import { sourceUrlOf } from "./ingest/source-target.ts";
import { loadGazetteer, type Gazetteer } from "./analyze/gazetteer.ts";
import { createChatCore, type ChatCore, type FollowUpAnswerer } from "./chat/core.ts";
import type { SummaryRenderer } from "./domain/types.ts";
// follow-up questions in threads (issue 6); the answerer itself is loaded after ready
import { claimEvent, pruneProcessedEvents } from "./db/processed-events.repo.ts";
import { backfillSentenceIndexInBackground } from "./db/sentences.repo.ts";
// Bolt is loaded only in the Slack modes, the shell only without Slack (each costs start-up time)
import type { SlackApp } from "./slack/app.ts";
import { createLogger, type Logger } from "./lib/log.ts";
import { createShellAlertPort } from "./shell/alert-port.ts";
import type { AlertPort } from "./services/alerts.ts";
import { systemClock, type Clock } from "./lib/clock.ts";

/** The bundled sample articles registered on first start. */
/** Where the shell writes charts: `charts/` beside the database file, or the temp folder for an in-memory one. */
export function chartDirFor(databasePath: string): string {
  return databasePath === ":memory:" || databasePath.startsWith("file:") ? join(tmpdir(), "relations-charts") : join(dirname(resolve(databasePath)), "charts");
}

export const DEFAULT_SAMPLES = fileURLToPath(new URL("../samples/articles/", import.meta.url));

/** Where the shell talks when there is no Slack. */
export interface MainIo {
  input: Readable;
  output: Writable;
}

/** A started program. */
export interface Running {
  mode: "http" | "socket" | "shell";
  /** HTTP port in http mode */
  port?: number;
  chat: ChatCore;
  db: Db;
  /** ms from process start to ready */
  readyMs: number;
  /** resolves when the shell ends (quit or end of input); never in Slack modes */
  done: Promise<void>;
  /** stops schedulers, Slack and closes the DB; safe to call twice */
  shutdown(reason?: string): Promise<void>;
}

/**
 * Registers the sample folder as a source when no source exists yet, so a fresh machine has
 * something to read in the terminal shell. The samples are fiction written for the demo, with
 * invented outlets: they are registered only for the shell, on the default database or when
 * SAMPLE_SOURCES names them explicitly — never on a start with Slack tokens, where they would
 * reach a real team's timelines — and marked as samples (their outlets read "(sample)").
 * Returns the registered path, or null.
 */
export function seedSampleSources(
  db: Db,
  config: Pick<Config, "SAMPLE_SOURCES">,
  clock: Clock,
  log: Logger,
  where: { slack: boolean; defaultDatabase: boolean },
): string | null {
  if (where.slack) {
    const samples = listSources(db).filter((s) => s.sample);
    for (const s of samples) {
      log.warn("main: the database holds the bundled sample articles (fiction, labelled \"(sample)\"); remove them before a team relies on it", { source: s.id, command: `relations sources remove ${s.id}` });
    }
    return null;
  }
  if (!config.SAMPLE_SOURCES && !where.defaultDatabase) return null;
  if (listSources(db).length > 0) return null;
  const dir = config.SAMPLE_SOURCES ? resolve(config.SAMPLE_SOURCES) : DEFAULT_SAMPLES;
  if (!existsSync(dir)) {
    log.warn("main: sample sources not found; nothing to ingest until you add sources", { dir });
    return null;
  }
  insertSource(db, { kind: "folder", url: sourceUrlOf(dir), name: "Bundled sample articles", now: clock(), sample: true });
  log.info("main: registered the bundled sample articles as a source (first start)", { dir });
  return dir;
}

/** The background jobs: ingest (with the analyzer on each new article) and the weekly digest. */
interface Jobs {
  ingesting(): boolean;
  /** an ingest run now (the shell's `ingest`), then its alerts; the summary line */
  ingestNow(targets: string[]): Promise<string>;
  /** stops schedulers, abandoning a running ingest (it records the run as abandoned) */
  stop(): Promise<void>;
}

async function startJobs(o: {
  db: Db;
  config: Config;
  clock: Clock;
  log: Logger;
  gazetteer: ReturnType<typeof loadGazetteer>;
  seeded: boolean;
  slackMode: boolean;
  isStopping: () => boolean;
  /** tells the chat core when the next digest comes, once the digest machinery is loaded */
  setNextDigest: (f: () => { at: Date; tz: string } | null) => void;
  /** where alerts of watched pairs go in the terminal shell (Slack mode posts them to Slack) */
  shellAlerts: AlertPort;
}): Promise<Jobs> {
  const { db, config, clock, log } = o;
  const [{ analyzePendingInBackground, analyzeStoredArticle }, { createAnalyzer }, { startIngestScheduler }, { fetcherFromConfig }, { createExtractPool }, { createAlertRunner }, { makeRunnerId }, { formatSummary }] = await Promise.all([
    import("./services/analyze.ts"),
    import("./analyze/index.ts"),
    import("./jobs/ingest.ts"),
    import("./cli/context.ts"),
    import("./ingest/extract-pool.ts"),
    import("./jobs/alerts.ts"),
    import("./jobs/digest.ts"),
    import("./cli/ingest.ts"),
  ]);
  // one Web API client for the digest and the alerts (no retries of its own: theirs are nonce-checked)
  const slackPort = o.slackMode ? (await import("./slack/digest-port.ts")).createDigestWebClient(config.SLACK_BOT_TOKEN, { slackApiUrl: config.SLACK_API_URL }) : null;
  // alerts of watched pairs after each ingest run and after the analysis at start (issue 13)
  const alerts = createAlertRunner({ db, port: slackPort ?? o.shellAlerts, clock, logger: log, runner: makeRunnerId(), countries: o.gazetteer, summarize: summarizerOf(o.gazetteer) });
  const fetcher = fetcherFromConfig(config);
  // Pages are extracted in a worker thread with a time limit (issue 11): a hostile page is
  // refused, and meanwhile this thread answers Slack / the shell and renews the ingest lease.
  const extractPool = createExtractPool({ timeoutMs: config.EXTRACT_TIMEOUT_MS });
  const analyzeDeps = { db, analyzer: createAnalyzer(o.gazetteer), clock, logger: log };
  const scheduler = startIngestScheduler(
    { db, fetcher, clock, logger: log, timeZone: config.OUTLET_TZ, maxFileBytes: config.FETCH_MAX_BYTES, extract: extractPool.extract, onArticle: (id) => void analyzeStoredArticle(analyzeDeps, id) },
    { cron: config.INGEST_CRON, runOnStart: config.INGEST_ON_START && !o.seeded, afterRun: () => alerts.run("ingest") },
  );
  if (o.seeded) await scheduler.tick("first start");

  // The weekly digest goes to DIGEST_CHANNEL and to every channel that watches pairs (/relations watch).
  let digest: { stop(): Promise<void> } | null = null;
  if (o.slackMode) {
    const [{ startDigestScheduler, nextCronFire }, { llmSettingsFromConfig }] = await Promise.all([import("./jobs/digest.ts"), import("./services/llm.ts")]);
    const watches = createWatchesRepo(db);
    digest = startDigestScheduler(
      { db, slack: slackPort!, clock, logger: log, llm: llmSettingsFromConfig(config), countries: o.gazetteer, summarize: summarizerOf(o.gazetteer) },
      {
        cron: config.DIGEST_CRON,
        tz: config.DIGEST_TZ,
        channel: config.DIGEST_CHANNEL,
        watchedChannels: () => [...new Set(watches.listAll().map((w) => w.channel))],
        postQuiet: config.DIGEST_POST_QUIET,
      },
    );
    o.setNextDigest(() => {
      const at = nextCronFire(config.DIGEST_CRON, config.DIGEST_TZ, clock());
      return at ? { at, tz: config.DIGEST_TZ } : null;
    });
    if (!config.DIGEST_CHANNEL) log.info("main: DIGEST_CHANNEL is not set; only channels that watch pairs get the weekly digest");
  }

  // Articles stored before this analyzer version (or by `relations ingest`) are analyzed now.
  let reanalysis: Promise<void> | null = null;
  setTimeout(() => {
    if (o.isStopping()) return;
    try {
      // follow-ups (issue 6): forget Slack event ids older than a day (retries come within
      // minutes), and index the sentences of articles stored before the index existed — in
      // small batches that leave the event loop free for Slack's acknowledgements
      pruneProcessedEvents(db, new Date(clock().getTime() - 86_400_000).toISOString());
      void backfillSentenceIndexInBackground(db, { isStopping: o.isStopping })
        .then((indexed) => indexed && log.info("main: indexed article sentences for follow-up questions", { articles: indexed }))
        .catch((err) => log.error("main: indexing article sentences failed", { err }));
    } catch (err) {
      log.error("main: forgetting old Slack event ids failed", { err });
    }
    // after an analyzer upgrade this is every stored article: in slices that leave the event loop
    // free, so Slack's acks and /healthz never wait for it
    reanalysis = analyzePendingInBackground(analyzeDeps, { isStopping: o.isStopping })
      .then(async (s) => {
        if (!s.articles) return;
        log.info("main: analyzed pending articles", { ...s });
        await alerts.run("analysis");
      })
      .catch((err) => log.error("main: analyzing pending articles failed", { err }));
  }, 50).unref();

  return {
    ingesting: () => scheduler.running,
    async ingestNow(targets) {
      const res = await scheduler.tick("shell", targets);
      if (res.status === "skipped") return "An ingest run is going already; its alerts print when it ends.";
      if (res.status === "busy") return "Another process is ingesting now; try again in a moment.";
      return formatSummary(res);
    },
    async stop() {
      await scheduler.stop({ abandon: true }).catch((err) => log.error("main: ingest scheduler stop failed", { err }));
      await digest?.stop().catch((err) => log.error("main: digest scheduler stop failed", { err }));
      await alerts.stop();
      // it stops at its next slice (isStopping), before the database closes
      await reanalysis;
      fetcher.close();
      await extractPool.close();
    },
  };
}

/** Summaries in Vietnamese written at reply time from a development's extracted fields; English is the stored one. */
function summarizerOf(gazetteer: Gazetteer): SummaryRenderer {
  let port: ReturnType<typeof gazetteerPort> | undefined;
  return (facts, lang) => (lang === "vi" ? summarizeVi(facts, (port ??= gazetteerPort(gazetteer))) : facts.summary);
}

/** The project's gazetteer, built on first use. */
function lazyGazetteer(): Gazetteer {
  return new Proxy({} as Gazetteer, {
    get(_target, key) {
      const g = loadGazetteer();
      const v = (g as unknown as Record<string | symbol, unknown>)[key];
      return typeof v === "function" ? v.bind(g) : v;
    },
  });
}

/** Starts everything from an environment; the shell uses `io`. */
export async function startApp(env: Record<string, string | undefined>, io: MainIo, clock: Clock = systemClock): Promise<Running> {
  const config = loadConfig(env);
  const log = createLogger(config.LOG_LEVEL);
  const slackMode = config.SLACK_BOT_TOKEN ? (config.SLACK_APP_TOKEN ? "socket" : "http") : null;
  if (config.SLACK_BOT_TOKEN && !config.SLACK_APP_TOKEN && !config.SLACK_SIGNING_SECRET) {
    throw new ConfigError(["SLACK_SIGNING_SECRET: required over HTTP when SLACK_BOT_TOKEN is set (or set SLACK_APP_TOKEN for Socket Mode)"]);
  }
  if (!config.SLACK_BOT_TOKEN && (config.SLACK_APP_TOKEN || config.SLACK_SIGNING_SECRET)) {
    throw new ConfigError(["SLACK_BOT_TOKEN: required when SLACK_APP_TOKEN or SLACK_SIGNING_SECRET is set (unset them all for the terminal shell)"]);
  }

  let db: Db;
  try {
    db = openDb(config.DATABASE_PATH);
  } catch (err) {
    // a user's mistake (a folder without write access, a file that is not SQLite): no stack trace
    throw new ConfigError([`DATABASE_PATH: cannot open ${JSON.stringify(config.DATABASE_PATH)}: ${(err as Error).message}`]);
  }
  let jobs: Jobs | null = null;
  let jobsStarting: Promise<Jobs> | null = null;
  let slack: SlackApp | null = null;
  let stopping: Promise<void> | null = null;
  let stopTimeline = () => {};
  const shutdown = (reason = "shutdown") =>
    (stopping ??= (async () => {
      log.info("main: shutting down", { reason });
      await jobsStarting?.catch(() => null);
      await jobs?.stop();
      await slack?.stop().catch((err) => log.error("main: slack stop failed", { err }));
      stopTimeline();
      closeDb(db);
      log.info("main: stopped");
    })());

  try {
    const seeded = seedSampleSources(db, config, clock, log, { slack: slackMode !== null, defaultDatabase: env.DATABASE_PATH === undefined || env.DATABASE_PATH.trim() === "" });
    // The gazetteer takes ~0.6 s to build: it is built right after ready (or by the first
    // command that needs a country name, which Slack has already acked), not before.
    const gazetteer = lazyGazetteer();
    // summaries in Vietnamese are written at reply time from the development's extracted fields
    const summarize = summarizerOf(gazetteer);
    const timeline = createTimelineService(createTimelineRepo(db), { clock, logger: log });
    stopTimeline = () => timeline.stop();
    // The follow-up answerer (question parser, FTS retrieval, optional LLM) is not needed to start
    // answering commands: it loads right after ready, or on the first thread reply if sooner.
    let nextDigest: (() => { at: Date; tz: string } | null) | null = null;
    let answerer: Promise<FollowUpAnswerer> | null = null;
    const loadAnswerer = () =>
      (answerer ??= Promise.all([import("./chat/follow-up.ts"), import("./analyze/question.ts"), import("./services/llm.ts")]).then(
        ([{ createFollowUpAnswerer }, { createQuestionParser }, { llmSettingsFromConfig }]) =>
          createFollowUpAnswerer({ db, parser: createQuestionParser(gazetteer), countries: gazetteer, botMessages: createBotMessagesRepo(db), summarize, clock, logger: log, llm: llmSettingsFromConfig(config) }),
      ));
    const chat = createChatCore({
      timeline,
      countries: gazetteer,
      watches: createWatchesRepo(db),
      botMessages: createBotMessagesRepo(db),
      settings: createChannelSettingsRepo(db),
      summarize,
      clock,
      logger: log,
      // follow-up questions in threads (issue 6)
      followUp: async (context, text) => (await loadAnswerer())(context, text),
      // in Slack, `watch` and `watching` say when the next digest comes (known once the jobs load)
      ...(slackMode ? { nextDigest: () => nextDigest?.() ?? null } : {}),
    });

    let port: number | undefined;
    if (slackMode) {
      const { createSlackApp } = await import("./slack/app.ts");
      slack = createSlackApp({
        botToken: config.SLACK_BOT_TOKEN!,
        signingSecret: config.SLACK_SIGNING_SECRET ?? "",
        appToken: config.SLACK_APP_TOKEN,
        apiUrl: config.SLACK_API_URL,
        port: config.PORT,
        chat,
        logger: log,
        claimEvent: (id) => claimEvent(db, id, clock().toISOString()),
        health: () => ({ db: db.$client.open, ingesting: jobs?.ingesting() ?? false }),
      });
      port = (await slack.start()).port;
    }
    // (imported before the work queued below for after ready, which an await here would let run first)
    const shell = slackMode ? null : await import("./shell/shell.ts");

    // The ingest, analyzer and digest machinery loads after Slack is up (it is not needed to
    // answer), except on a first start, when the samples are read before the first question.
    const shellAlerts = createShellAlertPort();
    jobsStarting = startJobs({ db, config, clock, log, gazetteer, seeded: seeded !== null, slackMode: slackMode !== null, isStopping: () => stopping !== null, setNextDigest: (f) => (nextDigest = f), shellAlerts: shellAlerts.port });
    jobsStarting.then((j) => (jobs = j)).catch((err) => log.error("main: starting the jobs failed", { err }));
    if (seeded) await jobsStarting;

    setImmediate(() => void loadGazetteer());
    void loadAnswerer().catch((err) => log.error("main: loading the follow-up answerer failed", { err }));
    // Pair totals for the context line are built in the background, after ready (the build's
    // first slice is synchronous: started here, it read 20,000 developments before ready).
    setImmediate(() => void timeline.warm().catch((err) => log.error("main: building pair totals failed", { err })));
    const mode = slackMode ?? "shell";
    const readyMs = Math.round(performance.now());
    const cpu = process.cpuUsage();
    log.info("main: ready", { mode, port, ms: readyMs, cpuMs: Math.round((cpu.user + cpu.system) / 1000), db: config.DATABASE_PATH });
    const done = shell
      ? shell.runShell({ chat, input: io.input, output: io.output, logger: log, chartDir: chartDirFor(config.DATABASE_PATH), notices: shellAlerts.notices, ingest: async (targets) => (await jobsStarting!).ingestNow(targets) })
      : new Promise<void>(() => {});
    return { mode, port, chat, db, readyMs, done, shutdown };
  } catch (err) {
    await shutdown("start failed");
    throw err;
  }
}

/** Runs the program on this process's environment until a signal or the shell's end. */
export async function main(): Promise<void> {
  let running: Running;
  try {
    running = await startApp(process.env, { input: process.stdin, output: process.stdout });
  } catch (err) {
    process.stderr.write(`${err instanceof ConfigError ? err.message : `main: failed to start: ${(err as Error).stack ?? err}`}\n`);
    process.exit(1);
  }
  const stop = (sig: string) => {
    void running.shutdown(sig).then(() => process.exit(0));
  };
  process.once("SIGTERM", () => stop("SIGTERM"));
  process.once("SIGINT", () => stop("SIGINT"));
  await running.done;
  await running.shutdown("shell ended");
  process.exit(0);
}

// `tsx src/main.ts` in development; `npm start` runs the compiled file through bin/start.mjs
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) void main();
