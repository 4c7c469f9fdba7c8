// A wide table that scrolls sideways on a phone. A scrolling area a keyboard cannot reach cannot be read
// by anyone without a mouse or a touch screen (WCAG 2.1.1; axe's scrollable-region-focusable), so when
// its content is wider than the screen it becomes a named region in the tab order, and the arrow keys
// scroll it. When everything fits it is a plain box: no empty stop for the keyboard.
import { useEffect, useRef, useState } from 'react';

/** Named by `label`, or by the element `labelledBy` names (the table's caption). */
export function ScrollRegion({
  label,
  labelledBy,
  children,
}: {
  label?: string;
  labelledBy?: string;
  children: React.ReactNode;
}) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const element = box.current;
    if (!element) return;
    const measure = () => setScrolls(element.scrollWidth > element.clientWidth + 1);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    for (const child of element.children) observer.observe(child);
    return () => observer.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className="table-scroll"
      {...(scrolls
        ? {
            role: 'region',
            tabIndex: 0,
            ...(labelledBy ? { 'aria-labelledby': labelledBy } : { 'aria-label': label }),
          }
        : {})}
    >
      {children}
    </div>
  );
}
