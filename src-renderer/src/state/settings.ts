/** The settings every screen needs (language, mode, store name), loaded once and kept in sync. */
import { create } from 'zustand';
import { api, runsInElectron, webSession } from '../api';
import i18n from '../i18n';
import type { AppSettings } from '../../../src-shared/types/app';
import type { Input } from '../../../src-shared/contract';

/**
 * Asked for as this module runs (main.tsx imports it before antd and the app), so the call is under
 * way while the rest of the code runs and React renders the first time, instead of starting from
 * App's effect after that. A tab without the web host's session asks nothing (it shows no app).
 */
let atStart: Promise<AppSettings> | undefined = runsInElectron || webSession ? api['settings.get']({}) : undefined;
// Its failure is load()'s to report, not an unhandled rejection.
atStart?.catch(() => undefined);

interface SettingsState {
  settings?: AppSettings;
  load(): Promise<void>;
  update(patch: Input<'settings.set'>): Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: undefined,
  load: async () => {
    const pending = atStart ?? api['settings.get']({});
    atStart = undefined;
    const settings = await pending;
    await i18n.changeLanguage(settings.language);
    set({ settings });
  },
  update: async (patch) => {
    const settings = await api['settings.set'](patch);
    await i18n.changeLanguage(settings.language);
    set({ settings });
  },
}));
