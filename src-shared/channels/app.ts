import { z } from 'zod';
import { channel, empty } from '../channel';
import type { AppInfo, AppSettings, Notice } from '../types/app';

export const languageSchema = z.enum(['zh-CN', 'en-US']);

export const settingsPatchSchema = z
  .object({
    language: languageSchema,
    /** Whether the first-run screen has been answered. */
    firstRunDone: z.boolean(),
    mode: z.enum(['demo', 'live']),
    storeName: z.string().trim().min(1).max(60),
  })
  .partial()
  .strict();

export const appChannels = {
  'app.info': channel(empty).returns<AppInfo>(),
  'settings.get': channel(empty).returns<AppSettings>(),
  'settings.set': channel(settingsPatchSchema).returns<AppSettings>(),
  'notices.list': channel(z.object({ limit: z.number().int().min(1).max(500).default(50) }).strict()).returns<
    Notice[]
  >(),
  /** The log files zipped, for the seller to send to support (secrets are already masked). */
  'app.exportLog': channel(empty).returns<{ fileName: string; base64: string; files: string[] }>(),
  'notices.markRead': channel(z.object({ ids: z.array(z.number().int().positive()).max(1000) }).strict()).returns<{
    updated: number;
  }>(),
};
