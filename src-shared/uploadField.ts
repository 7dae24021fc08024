/**
 * The schema side of uploads.ts: an upload channel's file field, with its limit and message. Kept apart
 * from it because the web host reads the limits at start, before it listens, without the schema library.
 */
import { z } from 'zod';
import { label, says } from './channel';
import { UPLOADS, tooLargeTemplate, uploadMaxBase64, type UploadChannel } from './uploads';

/**
 * The base64 field of an upload channel. `allowEmpty`: an empty file reaches the parser, which
 * says it is 0 bytes, instead of being refused as a field left blank.
 */
export function uploadContent(channel: UploadChannel, opts: { allowEmpty?: boolean } = {}) {
  const t = tooLargeTemplate(channel);
  const name = UPLOADS[channel].label;
  return z
    .string()
    .min(opts.allowEmpty ? 0 : 1)
    .max(uploadMaxBase64(channel), says(t.zh, t.en))
    .meta(label(name.zh, name.en));
}
