// The channel adapters this process delivers with, kept current. They are built from the environment
// merged with the admin area's channel settings (src/channels/settings); a change there is announced
// with NOTIFY and every node builds its adapters again, closing the old ones, with no restart. The
// delivery worker holds the same `adapters` record and sees the new ones on its next pass.
import type { Listen } from '../db/index.ts';
import type { Deps } from '../deps.ts';
import { type Adapters, type BuildOptions, buildAdapters } from './adapters.ts';

export interface ChannelRegistry {
  /** The adapters now in use, by channel (the same object for the life of the process). */
  adapters: Adapters;
  /** The settings they were built from: the environment with the stored channel settings over it. */
  env(): NodeJS.ProcessEnv;
  /** The environment alone (what a stored setting falls back to when it is removed). */
  baseEnv: NodeJS.ProcessEnv;
  /** Build the adapters again from the current settings (a change was announced). */
  reload(): Promise<void>;
  /** Stops listening; the delivery worker closes the adapters it holds when it stops. */
  close(): Promise<void>;
}

export interface RegistryOptions extends BuildOptions {
  /** The settings to build from (default: the environment alone). */
  settings?: () => Promise<NodeJS.ProcessEnv>;
  listen?: Listen | null;
  /** Where the change announcements come (channel_settings_<schema>). */
  channel?: string;
  log?: BuildOptions['log'];
}

export async function startChannels(
  deps: Pick<Deps, 'db' | 'clock'>,
  baseEnv: NodeJS.ProcessEnv,
  options: RegistryOptions = {},
): Promise<ChannelRegistry> {
  const adapters: Adapters = {};
  let current: NodeJS.ProcessEnv = baseEnv;
  let reloading: Promise<void> = Promise.resolve();

  const build = async (first = false) => {
    const env = options.settings ? await options.settings() : baseEnv;
    let next: Adapters;
    try {
      next = buildAdapters(deps, env, options);
    } catch (error) {
      // At start, settings that do not make a channel stop the process with the reason (as a bad
      // environment always did). Later (saved settings are checked before they are kept, so this is
      // rare): keep what runs, and say why.
      if (first) throw error;
      options.log?.error(
        { err: error },
        'channel settings are not usable; the channels keep their last settings',
      );
      return;
    }
    const old = { ...adapters };
    for (const kind of Object.keys(adapters) as (keyof Adapters)[]) delete adapters[kind];
    Object.assign(adapters, next);
    current = env;
    for (const adapter of Object.values(old)) await adapter?.close?.().catch(() => undefined);
  };

  await build(true);
  const reload = () => {
    reloading = reloading.then(
      () => build(),
      () => build(),
    );
    return reloading;
  };
  const unlisten =
    options.listen && options.channel
      ? await options.listen(options.channel, {
          message: () => void reload(),
          reconnected: () => void reload(),
        })
      : null;
  return {
    adapters,
    env: () => current,
    baseEnv,
    reload,
    async close() {
      await unlisten?.();
      await reloading;
    },
  };
}
