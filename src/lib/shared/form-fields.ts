/**
 * Pure helpers for the server-rendered account forms (users, units, course assignments): the
 * submitted value of a field, the aria attributes that tie a control to its hint and error
 * message, and the choices of a select. Ids follow one convention: the control's id is the
 * field name, its hint is `<name>-hint` and its error message `<name>-error`.
 */

/** Values of a form as shown again: one string per field, several for multi-selects and checkboxes. */
export type FormValues = Readonly<Record<string, string | readonly string[] | undefined>>;

/** Vietnamese error message per field name (absent when the field is valid). */
export type FormErrors = Readonly<Record<string, string>>;

/** One `<option>` of a select. */
export interface SelectOption {
  value: string;
  label: string;
}

/** Aria attributes of a control, to spread after its other attributes (undefined ones are not rendered). */
export interface FieldAria {
  'aria-invalid': 'true' | undefined;
  'aria-describedby': string | undefined;
}

/** Readers of one form's values and errors, see {@link formFieldState}. */
export interface FormFieldState {
  /** The field's value as text ('' when absent or a list). */
  text(name: string): string;
  /** The field's values as a list (empty when absent or a single value). */
  list(name: string): readonly string[];
  /** The field's error message, if any. */
  error(name: string): string | undefined;
  /** Ids describing the field: the hint's id (when given), then `<name>-error` when it has an error. */
  describedBy(name: string, hintId?: string): string | undefined;
  /** `aria-invalid` (when the field has an error) and `aria-describedby` (see `describedBy`). */
  aria(name: string, hintId?: string): FieldAria;
}

/**
 * Readers of a form's submitted values and errors, for rendering its fields.
 * @param values - the values to show again (from the database, or as submitted)
 * @param errors - the error message of each invalid field
 */
export function formFieldState(values: FormValues, errors: FormErrors): FormFieldState {
  const describedBy = (name: string, hintId?: string) =>
    [hintId, errors[name] ? `${name}-error` : undefined].filter(Boolean).join(' ') || undefined;
  return {
    text: (name) => {
      const value = values[name];
      return typeof value === 'string' ? value : '';
    },
    list: (name) => {
      const value = values[name];
      return Array.isArray(value) ? value : [];
    },
    error: (name) => errors[name],
    describedBy,
    aria: (name, hintId) => ({
      'aria-invalid': errors[name] ? 'true' : undefined,
      'aria-describedby': describedBy(name, hintId),
    }),
  };
}

/**
 * Choices whose value is also their label unless `label` says otherwise.
 * @param values - the values, in display order
 * @param label - the label of a value (the value itself by default)
 */
export function optionsOf<T extends string>(
  values: readonly T[],
  label: (value: T) => string = (v) => v,
): SelectOption[] {
  return values.map((value) => ({ value, label: label(value) }));
}

/**
 * Choices of a unit picker: units in tree order, each indented with one "— " per level below
 * `baseDepth`.
 * @param units - units, parents first, with their depth in the tree
 * @param baseDepth - the depth drawn without indent (0: the tree's roots)
 * @param suffix - text after each unit's name, e.g. " (và các đơn vị trực thuộc)"
 */
export function unitOptions(
  units: readonly { id: string; name: string; depth: number }[],
  baseDepth = 0,
  suffix = '',
): SelectOption[] {
  return units.map((u) => ({
    value: u.id,
    label: `${'— '.repeat(Math.max(0, u.depth - baseDepth))}${u.name}${suffix}`,
  }));
}
