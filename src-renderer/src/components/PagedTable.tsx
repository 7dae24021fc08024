import { useState } from 'react';
import { Table, type TableProps } from 'antd';

/** Paging asked of the server: the page shown, its size, and the sizes a seller may pick (none: a fixed size). */
export interface Paging {
  page: number;
  pageSize: number;
  onChange: (page: number, pageSize: number) => void;
  sizes?: number[];
  /** With `sizes`: offer them even when every row fits on one page. */
  sizesAlways?: boolean;
}

/** A table's server paging held in state: page 1 of `pageSize` rows at first; with `sizes`, the seller may pick another size. */
export function usePaging(pageSize: number, sizes?: number[], sizesAlways?: boolean): Paging & { setPage: (page: number) => void } {
  const [page, setPage] = useState(1);
  const [size, setSize] = useState(pageSize);
  return {
    page,
    pageSize: size,
    sizes,
    sizesAlways,
    setPage,
    onChange: (p, s) => {
      setPage(p);
      setSize(s);
    },
  };
}

/**
 * One server page of a table: only the page the server sent is held, paged by the server's total.
 * With `height` (tables of up to 100k rows), a compact virtual table scrolled within it. Rows are
 * keyed by their `id` unless `rowKey` says otherwise.
 */
export function PagedTable<T extends object>({
  result,
  paging,
  height,
  rowKey = 'id',
  ...props
}: { result: { data?: { rows: T[]; total: number }; loading: boolean }; paging: Paging; height?: number } & Omit<
  TableProps<T>,
  'size' | 'virtual' | 'scroll' | 'loading' | 'dataSource' | 'pagination'
>) {
  // The columns' own widths, when each has one: the virtual table then scrolls sideways as one (header
  // with body) and keeps a column marked `fixed` in view on a narrow screen.
  const widths = (props.columns ?? []).map((c) => c.width);
  const width = widths.every((w) => typeof w === 'number') ? (widths as number[]).reduce((a, b) => a + b, 0) : 0;
  return (
    <Table<T>
      size="small"
      rowKey={rowKey}
      {...(height === undefined ? {} : { virtual: true, scroll: { y: height, ...(width > 0 && { x: width }) } })}
      loading={result.loading}
      dataSource={result.data?.rows ?? []}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: result.data?.total ?? 0,
        ...(paging.sizes
          ? { pageSizeOptions: paging.sizes, ...(paging.sizesAlways && { showSizeChanger: true }) }
          : { showSizeChanger: false }),
        onChange: paging.onChange,
      }}
      {...props}
    />
  );
}
