import { useEffect } from 'react';
import { Form, type FormInstance } from 'antd';
import type { ErrorPayload } from '../../src-shared/errors';
import { useLang } from './useLang';

type Issue = NonNullable<ErrorPayload['issues']>[number];

/**
 * Puts each refused field's message under that field of the form (by the issue's path, which
 * `toField` maps to the form's own name when they differ), and hands back what is left for the
 * alert above (`rest`): the issues the form has no field for, or the whole error when it is not
 * about fields. Give `onValuesChange` to the Form: a field the seller edits loses its old message.
 */
export function useFieldErrors(
  form: FormInstance,
  error: ErrorPayload | undefined,
  toField: (path: string) => string | undefined = (p) => p,
): { rest: ErrorPayload | undefined; onValuesChange: (changed: Record<string, unknown>) => void } {
  const { en } = useLang();
  const placed = (i: Issue): string | undefined => {
    const name = toField(i.path);
    if (!name) return undefined;
    // Only fields the form shows right now: a hidden one would carry an error nobody sees.
    const shown = form.getFieldsError().some((f) => f.name.join('.') === name);
    return shown ? name : undefined;
  };

  useEffect(() => {
    if (!error?.issues?.length) return;
    const fields = error.issues.flatMap((i) => {
      const name = placed(i);
      return name ? [{ name: name.split('.'), errors: [en ? i.messageEn : i.message] }] : [];
    });
    if (fields.length) form.setFields(fields);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- placed and toField follow the form
  }, [error, en, form]);

  const onValuesChange = (changed: Record<string, unknown>) => form.setFields(Object.keys(changed).map((name) => ({ name, errors: [] })));
  return { rest: restOf(error, (i) => !placed(i)), onValuesChange };
}

function restOf(error: ErrorPayload | undefined, left: (i: Issue) => boolean): ErrorPayload | undefined {
  if (!error?.issues?.length) return error;
  const rest = error.issues.filter(left);
  if (rest.length === error.issues.length) return error;
  const [first] = rest;
  if (!first) return undefined;
  return {
    ...error,
    message: `${first.message}。请改正后再试。`,
    messageEn: `${first.messageEn}. Correct it and try again.`,
    issues: rest,
  };
}

/** A new form with useFieldErrors on it: `error`'s refusals shown under the form's fields. */
export function useFieldErrorForm<T = unknown>(
  error: ErrorPayload | undefined,
  toField?: (path: string) => string | undefined,
): [FormInstance<T>, ReturnType<typeof useFieldErrors>] {
  const [form] = Form.useForm<T>();
  return [form, useFieldErrors(form, error, toField)];
}
