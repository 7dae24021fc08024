/**
 * The one Content-Security-Policy: the renderer's index.html carries it as a meta tag (a test keeps
 * them equal), Electron sends it as a header, the web host too (plus frame-ancestors, header-only).
 * antd injects the theme's CSS variables in a <style> tag and components set style attributes, hence
 * style-src 'unsafe-inline' (its component CSS is a built file); scripts stay 'self'.
 */
export const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'; frame-src 'none'";
