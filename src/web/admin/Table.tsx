// A list as a table: a caption that names it, a header cell per column, and a frame that scrolls
// sideways on a narrow screen rather than widening the page (a region the keyboard reaches, then).
import { useId } from 'react';
import { ScrollRegion } from '../ScrollRegion.tsx';

export function Table({
  caption,
  captionClass,
  columns,
  children,
}: {
  caption: React.ReactNode;
  captionClass?: 'hint' | 'visually-hidden';
  columns: string[];
  /** The rows. */
  children: React.ReactNode;
}) {
  const id = useId();
  return (
    <ScrollRegion labelledBy={`${id}-caption`}>
      <table>
        <caption id={`${id}-caption`} className={captionClass}>
          {caption}
        </caption>
        <thead>
          <tr>
            {columns.map((c) => (
              <th key={c} scope="col">
                {c}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>{children}</tbody>
      </table>
    </ScrollRegion>
  );
}
