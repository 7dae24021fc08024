import { z } from 'zod';
import { channel, empty, label } from '../channel';
import type { AppInfo, AppSettings, Notice } from '../types/app';

export const languageSchema = z.enum(['zh-CN', 'en-US']).meta(label('界面语言', 'Language'));

export const settingsPatchSchema = z
  .object({
    language: languageSchema,
    /** Whether the first-run screen has been answered. */
    firstRunDone: z.boolean().meta(label('首次使用设置', 'First-run setup')),
    mode: z.enum(['demo', 'live']).meta(label('演示店铺或正式店铺', 'Demo or live store')),
    storeName: z.string().trim().min(1).max(60).meta(label('店铺名称', 'Store name')),
  })
  .partial()
  .strict();

export const appChannels = {
  'app.info': channel(empty).returns<AppInfo>(),
  'settings.get': channel(empty).returns<AppSettings>(),
  'settings.set': channel(settingsPatchSchema).returns<AppSettings>(),
  'notices.list': channel(
    z.object({ limit: z.number().int().min(1).max(500).meta(label('通知条数', 'Notices shown')).default(50) }).strict(),
  ).returns<Notice[]>(),
  /** The log files zipped, for the seller to send to support (secrets are already masked). */
  'app.exportLog': channel(empty).returns<{ fileName: string; base64: string; files: string[] }>(),
  'notices.markRead': channel(
    z.object({ ids: z.array(z.number().int().positive()).max(1000).meta(label('要标为已读的通知', 'Notices to mark read')) }).strict(),
  ).returns<{
    updated: number;
  }>(),
};
