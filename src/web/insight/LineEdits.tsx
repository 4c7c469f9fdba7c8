// Adding, changing and removing a formula's indicators or penalties, as their tables share it: which
// line the form is open for, the note that says what changed (to be saved), and focus back on the
// button that opened the form once it closes.
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RowButton } from '../admin/RowActions.tsx';
import { pick } from '../api.ts';
import type { FormulaDef, IndicatorDef, Keyed, LineKind, PenaltyDef } from './formula-def.ts';
import { LineForm } from './LineForm.tsx';

export function useLineEdits<T extends IndicatorDef | PenaltyDef>(
  items: T[],
  onChange: (items: T[]) => void,
) {
  const { t, i18n } = useTranslation();
  /** The row whose form is open, 'new' for a line being added, null with the form closed. */
  const [open, setOpen] = useState<number | 'new' | null>(null);
  const [note, setNote] = useState('');
  const opener = useRef<HTMLButtonElement | null>(null);
  const adder = useRef<HTMLButtonElement | null>(null);
  const wasOpen = useRef(false);
  const [removals, setRemovals] = useState(0);
  const name = (item: Keyed) => pick(item.label, i18n.language);

  // Focus goes back where it came from when the form closes, or to the add button where that button is
  // gone (its row removed, or renamed by a changed key).
  useEffect(() => {
    if (open !== null) wasOpen.current = true;
    else if (wasOpen.current) {
      wasOpen.current = false;
      (opener.current?.isConnected ? opener.current : adder.current)?.focus();
    }
  }, [open]);
  useEffect(() => {
    if (removals) adder.current?.focus();
  }, [removals]);

  return {
    open,
    note,
    name,
    adder,
    start(n: number | 'new', button: HTMLButtonElement) {
      opener.current = button;
      setNote('');
      setOpen(n);
    },
    close: () => setOpen(null),
    done(item: T) {
      onChange(typeof open === 'number' ? items.map((x, m) => (m === open ? item : x)) : [...items, item]);
      setNote(t(typeof open === 'number' ? 'ins.f.changed' : 'ins.f.added', { name: name(item) }));
      setOpen(null);
    },
    remove(n: number) {
      const item = items[n];
      onChange(items.filter((_, m) => m !== n));
      wasOpen.current = false;
      setOpen(null);
      setRemovals((r) => r + 1);
      if (item) setNote(t('ins.f.removed', { name: name(item) }));
    },
  };
}

type Edits = ReturnType<typeof useLineEdits<IndicatorDef>> | ReturnType<typeof useLineEdits<PenaltyDef>>;

/** A row's Change and Remove buttons (Remove left out where the line is the last one allowed). */
export function LineActions({
  edits,
  n,
  item,
  removable,
}: {
  edits: Edits;
  n: number;
  item: Keyed;
  removable: boolean;
}) {
  const { t } = useTranslation();
  return (
    <td>
      <div className="actions">
        <RowButton item={edits.name(item)} onClick={(e) => edits.start(n, e.currentTarget)}>
          {t('ins.f.change')}
        </RowButton>
        {removable && (
          <RowButton item={edits.name(item)} onClick={() => edits.remove(n)}>
            {t('ins.f.remove')}
          </RowButton>
        )}
      </div>
    </td>
  );
}

/** Under a table: the button that adds a line, or the form while it is open, and what changed. */
export function LineAdder({
  kind,
  edits,
  items,
  draft,
}: {
  kind: LineKind;
  edits: Edits;
  items: (IndicatorDef | PenaltyDef)[];
  draft: FormulaDef;
}) {
  const { t } = useTranslation();
  const { open } = edits;
  return (
    <>
      {open === null ? (
        <button
          ref={edits.adder}
          type="button"
          className="secondary"
          onClick={(e) => edits.start('new', e.currentTarget)}
        >
          {t(kind === 'indicator' ? 'ins.f.addIndicator' : 'ins.f.addPenalty')}
        </button>
      ) : (
        <LineForm
          key={open}
          kind={kind}
          line={open === 'new' ? null : (items[open] ?? null)}
          draft={draft}
          onDone={(line) => (edits.done as (line: IndicatorDef | PenaltyDef) => void)(line)}
          onCancel={edits.close}
        />
      )}
      <p role="status" className="hint">
        {edits.note}
      </p>
    </>
  );
}
