/** The settings every screen needs (language, mode, store name), loaded once and kept in sync. */
import { create } from 'zustand';
import { api } from '../api';
import i18n from '../i18n';
import type { AppSettings } from '../../../src-shared/types/app';
import type { Input } from '../../../src-shared/contract';

interface SettingsState {
  settings?: AppSettings;
  load(): Promise<void>;
  update(patch: Input<'settings.set'>): Promise<void>;
}

export const useSettings = create<SettingsState>((set) => ({
  settings: undefined,
  load: async () => {
    const settings = await api['settings.get']({});
    await i18n.changeLanguage(settings.language);
    set({ settings });
  },
  update: async (patch) => {
    const settings = await api['settings.set'](patch);
    await i18n.changeLanguage(settings.language);
    set({ settings });
  },
}));
