/**
 * antd InputNumber's `parser` for a number typed on a Chinese PC. An input method left in full-width
 * mode (全角) types １２．５, which antd's own parser strips to nothing, and the box empties itself on
 * blur without a word. NFKC folds full-width digits, point and minus to ASCII; 。 is the point typed
 * in Chinese punctuation mode (as antd's default also reads it); then, as antd's default, whatever
 * is not a digit, letter, point or minus (¥, thousands commas, spaces) goes.
 */
export function typedNumber(text: string | undefined): string {
  return (text ?? '')
    .normalize('NFKC')
    .replace(/。/g, '.')
    .replace(/[^\w.-]+/g, '');
}
