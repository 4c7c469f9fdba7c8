// A combobox for finding something by typing (a category, a place) without leaving the keyboard: type,
// the first match is highlighted, arrows move, Enter takes it (and never submits the form), Escape
// closes. ARIA 1.2 combobox pattern, so screen readers announce the options as they move.
import { useEffect, useId, useRef, useState } from 'react';
import { useDebounced } from '../fetching.ts';

export interface LookupProps<T> {
  label: string;
  /** Text shown under the field (what to type). */
  hint?: string;
  search: (q: string) => Promise<T[]>;
  describe: (item: T) => string;
  keyOf: (item: T) => number;
  value: T | null;
  onChange: (item: T | null) => void;
  required?: boolean;
  autoFocus?: boolean;
}

export function Lookup<T>({
  label,
  hint,
  search,
  describe,
  keyOf,
  value,
  onChange,
  required,
  autoFocus,
}: LookupProps<T>) {
  const id = useId();
  const [text, setText] = useState(value ? describe(value) : '');
  const [options, setOptions] = useState<T[]>([]);
  const [active, setActive] = useState(0);
  const [open, setOpen] = useState(false);
  const q = useDebounced(text, 120);
  const latest = useRef({ search, describe, value });
  latest.current = { search, describe, value };

  useEffect(() => {
    const { value: chosen, describe: name } = latest.current;
    if (chosen && name(chosen) === q) return;
    if (q.trim().length < 2) {
      setOptions([]);
      return;
    }
    let live = true;
    latest.current.search(q.trim()).then(
      (found) => {
        if (!live) return;
        setOptions(found);
        setActive(0);
        setOpen(found.length > 0);
      },
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [q]);

  const choose = (item: T) => {
    onChange(item);
    setText(describe(item));
    setOpen(false);
  };

  const onKeyDown = (e: React.KeyboardEvent<HTMLInputElement>) => {
    if (e.key === 'ArrowDown' && options.length) {
      e.preventDefault();
      setOpen(true);
      setActive((a) => (a + 1) % options.length);
    } else if (e.key === 'ArrowUp' && options.length) {
      e.preventDefault();
      setActive((a) => (a - 1 + options.length) % options.length);
    } else if (e.key === 'Enter' && open && options[active]) {
      e.preventDefault();
      choose(options[active] as T);
    } else if (e.key === 'Escape') {
      setOpen(false);
    }
  };

  return (
    <div className="lookup">
      <label htmlFor={`${id}-input`}>{label}</label>
      <input
        id={`${id}-input`}
        role="combobox"
        aria-expanded={open}
        aria-controls={`${id}-list`}
        aria-autocomplete="list"
        aria-activedescendant={open && options[active] ? `${id}-${keyOf(options[active] as T)}` : undefined}
        aria-describedby={hint ? `${id}-hint` : undefined}
        autoComplete="off"
        // biome-ignore lint/a11y/noAutofocus: the desk's form starts where the agent types first
        autoFocus={autoFocus}
        required={required && !value}
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          if (value) onChange(null);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setOpen(false)}
      />
      {hint && (
        <p className="hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      <div id={`${id}-list`} role="listbox" aria-label={label} className="options" hidden={!open}>
        {options.map((item, i) => (
          <div
            key={keyOf(item)}
            tabIndex={-1}
            id={`${id}-${keyOf(item)}`}
            role="option"
            aria-selected={i === active}
            // Before the input's blur closes the list.
            onMouseDown={(e) => {
              e.preventDefault();
              choose(item);
            }}
          >
            {describe(item)}
          </div>
        ))}
      </div>
    </div>
  );
}
