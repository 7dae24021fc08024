/** The app's antd theme tokens: ConfigProvider's (src-renderer/src/AntdRoot.tsx) and the first screen's CSS variables (build/antdThemeVars.ts). */
export const THEME_TOKEN = { colorPrimary: '#e62e04' } as const;
