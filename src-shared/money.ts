/** Money is integer fen (分) everywhere; these are the only ways it becomes text, in main and on screen alike. */

/** 123456 → "¥1,234.56"; negative amounts keep their sign in front: "-¥5.00". */
export function formatFen(fen: number): string {
  if (!Number.isSafeInteger(fen)) throw new Error(`formatFen: not an integer fen amount: ${fen}`);
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  const yuan = Math.floor(abs / 100)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${sign}¥${yuan}.${String(abs % 100).padStart(2, '0')}`;
}

/** 123456 → "1234.56": the plain figure a platform form (or a form field) expects. */
export function fenToYuanText(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}
