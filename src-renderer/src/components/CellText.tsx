import type { HTMLAttributes, Ref } from 'react';

/**
 * A text in Typography.Text's look (antd's own classes, styled by the stylesheet), for tables with
 * such a text on every row. Typography.Text mounts holders for an ellipsis and its tooltip that set
 * state as they mount, even when the text is never cut: in the mapping table each of them rendered
 * again before the first rows were painted.
 */
export function CellText({
  type,
  className,
  ...props
}: HTMLAttributes<HTMLSpanElement> & { type?: 'secondary' | 'danger'; 'data-testid'?: string; ref?: Ref<HTMLSpanElement> }) {
  // `ref` comes in with the props (a Tooltip around the text places itself by it).
  const classes = ['ant-typography', type && `ant-typography-${type}`, className].filter(Boolean).join(' ');
  return <span {...props} className={classes} />;
}
