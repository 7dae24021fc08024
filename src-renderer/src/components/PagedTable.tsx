import { Table, type TableProps } from 'antd';

/** Paging asked of the server: the page shown, its size, and the sizes a seller may pick (none: a fixed size). */
export interface Paging {
  page: number;
  pageSize: number;
  onChange: (page: number, pageSize: number) => void;
  sizes?: number[];
}

/**
 * One server page of a table of up to 100k rows: only the page the server sent is held, in a
 * compact virtual table scrolled within `height`, paged by the server's total.
 */
export function PagedTable<T extends object>({
  result,
  paging,
  height,
  ...props
}: { result: { data?: { rows: T[]; total: number }; loading: boolean }; paging: Paging; height: number } & Omit<
  TableProps<T>,
  'size' | 'virtual' | 'scroll' | 'loading' | 'dataSource' | 'pagination'
>) {
  return (
    <Table<T>
      size="small"
      virtual
      scroll={{ y: height }}
      loading={result.loading}
      dataSource={result.data?.rows ?? []}
      pagination={{
        current: paging.page,
        pageSize: paging.pageSize,
        total: result.data?.total ?? 0,
        ...(paging.sizes ? { pageSizeOptions: paging.sizes } : { showSizeChanger: false }),
        onChange: paging.onChange,
      }}
      {...props}
    />
  );
}
