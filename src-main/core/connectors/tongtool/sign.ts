/** Tongtool's published request signature: md5("app_token" + token + "timestamp" + ts + secret), lower hex. */
import { createHash } from 'node:crypto';

export function signTongtool(appToken: string, timestamp: string | number, appSecret: string): string {
  return createHash('md5').update(`app_token${appToken}timestamp${timestamp}${appSecret}`, 'utf8').digest('hex');
}
