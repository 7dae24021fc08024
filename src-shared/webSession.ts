/**
 * How the web host's session secret reaches the page: the launch redirect hands it over in the
 * fragment (`/#desk-session=<hex>`), and the page moves it to sessionStorage (a reload keeps
 * working) and clears it from the address bar. The entry does it (src-renderer/src/api.ts), and on
 * a first run the boot script too, at once (build/firstRunWelcome.ts): there the entry runs after
 * Welcome is painted, in a background tab only once it is shown, and until then the secret sat in
 * the address bar.
 */
export const SESSION_STORAGE_KEY = 'desk.session';
export const SESSION_FRAGMENT = /^#desk-session=([0-9a-f]{64})$/;
/** What the address bar keeps once the secret is taken: the app's root. */
export const AFTER_SESSION_HASH = '#/';
