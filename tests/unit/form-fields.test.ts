import { describe, expect, it } from 'vitest';
import { formFieldState, optionsOf, unitOptions } from '../../src/lib/shared/form-fields';

describe('formFieldState', () => {
  const form = formFieldState({ name: 'Đơn vị A', roles: ['admin', 'leader'] }, { name: 'Vui lòng nhập tên' });

  it('reads single values and lists, empty when absent or of the other kind', () => {
    expect(form.text('name')).toBe('Đơn vị A');
    expect(form.text('roles')).toBe('');
    expect(form.text('note')).toBe('');
    expect(form.list('roles')).toEqual(['admin', 'leader']);
    expect(form.list('name')).toEqual([]);
  });

  it('ties a control to its hint and error message', () => {
    expect(form.error('name')).toBe('Vui lòng nhập tên');
    expect(form.aria('name', 'name-hint')).toEqual({
      'aria-invalid': 'true',
      'aria-describedby': 'name-hint name-error',
    });
    expect(form.aria('note')).toEqual({ 'aria-invalid': undefined, 'aria-describedby': undefined });
    expect(form.describedBy('note', 'note-hint')).toBe('note-hint');
  });
});

describe('select options', () => {
  it('labels values with themselves or the given label', () => {
    expect(optionsOf(['a', 'b'])).toEqual([
      { value: 'a', label: 'a' },
      { value: 'b', label: 'b' },
    ]);
    expect(optionsOf(['a'], (v) => v.toUpperCase())).toEqual([{ value: 'a', label: 'A' }]);
  });

  it('indents units below the base depth and appends the suffix', () => {
    const units = [
      { id: 'a', name: 'A', depth: 1 },
      { id: 'a1', name: 'A1', depth: 3 },
    ];
    expect(unitOptions(units).map((o) => o.label)).toEqual(['— A', '— — — A1']);
    expect(unitOptions(units, 1, ' (x)')).toEqual([
      { value: 'a', label: 'A (x)' },
      { value: 'a1', label: '— — A1 (x)' },
    ]);
  });
});
