/** The app's antd theme tokens: ConfigProvider's (src-renderer/src/AntdRoot.tsx) and the first screen's CSS variables (build/antdThemeVars.ts). */
export const THEME_TOKEN = { colorPrimary: '#e62e04' } as const;

/**
 * Hover and focus of the form controls. antd draws them in the primary colour, and AliExpress red
 * there made a field the seller was just typing in look like one with an error (errors are red too).
 * They take antd's own blue instead; primary buttons, links and the menu keep the brand red.
 */
export const FIELD_FOCUS = {
  hoverBorderColor: '#4096ff',
  activeBorderColor: '#1677ff',
  /** The ring round a focused field (antd's controlOutline for its default blue). */
  outline: 'rgba(5, 145, 255, 0.1)',
} as const;

const inputLike = {
  hoverBorderColor: FIELD_FOCUS.hoverBorderColor,
  activeBorderColor: FIELD_FOCUS.activeBorderColor,
  activeShadow: `0 0 0 2px ${FIELD_FOCUS.outline}`,
};

/** antd component tokens: every form control the screens use that has a border (Input covers Search, TextArea and Password). */
export const THEME_COMPONENTS = {
  Input: inputLike,
  InputNumber: { ...inputLike, handleHoverColor: FIELD_FOCUS.activeBorderColor },
  DatePicker: inputLike,
  Select: {
    hoverBorderColor: FIELD_FOCUS.hoverBorderColor,
    activeBorderColor: FIELD_FOCUS.activeBorderColor,
    activeOutlineColor: FIELD_FOCUS.outline,
  },
} as const;
