/**
 * One exit document as its own printable page (#/exit/print/<name>): the browser's print in the
 * web host and Electron's print dialog both print exactly this page (A4, page numbers, CJK fonts
 * from the document's own CSS), and "另存为 PDF" saves it. No iframe: the strict CSP forbids
 * frames, and a frame prints as one clipped box instead of paginating.
 *
 * The HTML comes from main (every value escaped there); it is shown as markup with its <style>,
 * never as script — the CSP allows no inline script anyway.
 */
import { useEffect, useMemo } from 'react';
import { createPortal } from 'react-dom';
import { Alert, Button, Space, Spin, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { useChanged, useChannel } from '../../useChannel';
import { ApiErrorAlert } from '../../components/ApiErrorAlert';
import { useLang } from '../../useLang';

/** Screen: a sheet of paper over the app. Print: only the document, the app and toolbar hidden. */
const SHELL_CSS = `
@media screen {
  .exit-print { position: fixed; inset: 0; z-index: 1000; overflow: auto; background: #e8e8e8; }
  .exit-print-bar { position: sticky; top: 0; z-index: 1; background: #fff; padding: 8px 24px; border-bottom: 1px solid #d9d9d9; }
  .exit-print-sheet { background: #fff; width: 210mm; min-height: 297mm; margin: 16px auto; padding: 20mm 18mm; box-sizing: border-box; box-shadow: 0 1px 6px rgba(0,0,0,.18); }
}
@media print {
  body > :not(.exit-print) { display: none !important; }
  .exit-print-bar { display: none !important; }
  .exit-print { position: static; }
}
`;

function split(html: string): { title: string; css: string; body: string } {
  const doc = new DOMParser().parseFromString(html, 'text/html');
  // The document's own screen rule centres its <body>; here the sheet does that.
  const css = [...doc.querySelectorAll('style')]
    .map((s) => s.textContent ?? '')
    .join('\n')
    .replace(/@media screen\s*\{[^{}]*\{[^{}]*\}\s*\}/g, '');
  for (const s of doc.querySelectorAll('script, style')) s.remove();
  return { title: doc.title, css, body: doc.body.innerHTML };
}

export function PrintDocument() {
  const { t } = useTranslation('exit');
  const { en } = useLang();
  const navigate = useNavigate();
  const { name } = useParams();
  const docs = useChannel('exit.paperwork', {});
  useChanged('exit', docs.reload);
  const doc = docs.data?.documents.find((d) => d.name === name);
  const parts = useMemo(() => (doc ? split(doc.html) : null), [doc]);

  // The title is the file name the print dialog suggests for "Save as PDF".
  useEffect(() => {
    if (!parts) return;
    const before = document.title;
    document.title = parts.title;
    return () => {
      document.title = before;
    };
  }, [parts]);

  return createPortal(
    <div className="exit-print" data-testid="exit-print">
      <style>{SHELL_CSS}</style>
      {parts && <style>{parts.css}</style>}
      <div className="exit-print-bar">
        <Space wrap>
          <Button onClick={() => navigate('/exit')} data-testid="exit-print-back">
            ← {t('backToExit')}
          </Button>
          <Button type="primary" disabled={!parts} onClick={() => window.print()} data-testid="exit-print-now">
            {t('printNow')}
          </Button>
          <Typography.Text type="secondary">{t('printHint')}</Typography.Text>
          {en && <Typography.Text type="secondary">{t('paperworkChinese')}</Typography.Text>}
        </Space>
        <ApiErrorAlert error={docs.error} onRetry={() => void docs.reload()} />
        {docs.data && !doc && <Alert type="warning" showIcon title={t('noSuchDocument', { name })} />}
      </div>
      {docs.loading && !docs.data ? (
        <Spin style={{ margin: 48 }} />
      ) : (
        parts && <div className="exit-print-sheet" data-testid="exit-print-doc" dangerouslySetInnerHTML={{ __html: parts.body }} />
      )}
    </div>,
    document.body,
  );
}
