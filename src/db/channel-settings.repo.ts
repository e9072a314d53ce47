/** Per-channel settings: the language a channel's answers are in (`/relations lang vi|en|auto`). */
import { eq } from "drizzle-orm";
import type { Db } from "./client.ts";
import { channelSettings } from "./schema.ts";

/** The languages a channel can be set to. */
export type ChannelLang = "en" | "vi";

/** Queries on the channel_settings table. */
export interface ChannelSettingsRepo {
  /** The channel's language, or null when it has none (answers follow each command). */
  lang(channel: string): ChannelLang | null;
  /** Sets the channel's language. */
  setLang(channel: string, lang: ChannelLang, by: string | null, at: string): void;
  /** Removes the channel's language; false when it had none. */
  clearLang(channel: string): boolean;
}

/** Builds the repo on an open database. */
export function createChannelSettingsRepo(db: Db): ChannelSettingsRepo {
  return {
    lang(channel) {
      return db.select({ lang: channelSettings.lang }).from(channelSettings).where(eq(channelSettings.channel, channel)).get()?.lang ?? null;
    },
    setLang(channel, lang, by, at) {
      db.insert(channelSettings)
        .values({ channel, lang, updatedBy: by, updatedAt: at })
        .onConflictDoUpdate({ target: channelSettings.channel, set: { lang, updatedBy: by, updatedAt: at } })
        .run();
    },
    clearLang(channel) {
      return db.delete(channelSettings).where(eq(channelSettings.channel, channel)).run().changes > 0;
    },
  };
}
