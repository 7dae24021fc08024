import type { ReactNode } from 'react';
import { Upload } from 'antd';
import { fileBase64 } from '../fileBase64';

/** Picks an edited .xlsx and hands over its content as base64: the browser uploads nothing itself, the contract call does. */
export function XlsxPicker({ onContent, children }: { onContent: (contentBase64: string) => void; children: ReactNode }) {
  return (
    <Upload
      accept=".xlsx"
      showUploadList={false}
      beforeUpload={(file) => {
        void fileBase64(file).then(onContent);
        return false;
      }}
    >
      {children}
    </Upload>
  );
}
