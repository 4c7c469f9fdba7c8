// A number in a formula's table, named for its row ("Weight of Satisfied closure"). An empty or
// unreadable field is kept as NaN and sent as it is, for the server to refuse by code.
import { numberOf } from './formula-def.ts';

export function NumberInput({
  name,
  value,
  onChange,
  step = 'any',
}: {
  name: string;
  value: number;
  onChange: (value: number) => void;
  step?: string;
}) {
  return (
    <input
      type="number"
      step={step}
      aria-label={name}
      value={Number.isNaN(value) ? '' : value}
      onChange={(e) => onChange(numberOf(e.target.value))}
    />
  );
}
