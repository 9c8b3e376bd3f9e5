import type { ComponentChildren } from 'preact';

/**
 * A wide table's own scrolling box (the page never scrolls sideways on a phone). Focusable and named,
 * so keyboard users can scroll it too (WCAG's scrollable-region rule).
 */
export function TableScroll({ label, children }: { label: string; children: ComponentChildren }) {
  return (
    // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling region must be reachable by keyboard to scroll it
    <section class="table-scroll" tabIndex={0} aria-label={label}>
      {children}
    </section>
  );
}
