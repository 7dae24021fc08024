/**
 * The app's number box: antd's InputNumber, reading what a Chinese PC types (typedNumber: digits from
 * an input method left in full-width mode, 。 as the point) where antd's own parser empties the box
 * on blur without a word. Every number box is this one (eslint keeps antd's InputNumber out of the
 * screens), so a new box cannot forget it.
 */
// eslint-disable-next-line no-restricted-imports -- the one place antd's InputNumber is used
import { InputNumber, type InputNumberProps } from 'antd';
import { typedNumber } from '../typedNumber';

export function NumberInput(props: InputNumberProps) {
  return <InputNumber parser={typedNumber} {...props} />;
}
