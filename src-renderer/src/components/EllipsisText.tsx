import { useState, type HTMLAttributes, type MouseEvent, type ReactNode } from 'react';
import { Tooltip } from 'antd';
import { CellText } from './CellText';

/** antd's own classes for a one-line ellipsis (the stylesheet cuts the text, as `ellipsis` does with CSS). */
const ELLIPSIS_CLASSES = 'ant-typography-ellipsis ant-typography-ellipsis-single-line';

/**
 * One line of text cut with an ellipsis, its whole text in a tooltip while it is cut and hovered:
 * what Typography.Text's `ellipsis={{ tooltip }}` shows, for tables with such a cell on every row.
 * That prop gives each text a Tooltip, an IntersectionObserver and layout effects that render it
 * again; in the mapping table they were a large part of the first rows' render after a reload. Here
 * the Tooltip comes when the pointer first finds the text cut.
 */
export function EllipsisText({
  tooltip,
  children,
  ...props
}: Omit<HTMLAttributes<HTMLSpanElement>, 'className'> & { type?: 'secondary'; tooltip: ReactNode; 'data-testid'?: string }) {
  const [cut, setCut] = useState(false);
  const onMouseEnter = (e: MouseEvent<HTMLElement>) => {
    if (!cut && e.currentTarget.scrollWidth > e.currentTarget.clientWidth) setCut(true);
  };
  const text = (
    <CellText {...props} className={ELLIPSIS_CLASSES} onMouseEnter={onMouseEnter}>
      {children}
    </CellText>
  );
  // Open as it mounts: the pointer is already on the text, so Tooltip saw no hover of its own.
  return cut ? (
    <Tooltip title={tooltip} defaultOpen>
      {text}
    </Tooltip>
  ) : (
    text
  );
}
