import { Modal, type ModalProps } from '@mantine/core';
import { useEffect, useRef, useState } from 'react';

/**
 * The app's dialogs are mounted already open (`{open && <XModal …/>}`). Mantine's Modal remembers
 * where focus was only when `opened` turns from false to true, so such a dialog never gave focus
 * back: after closing it, keyboard and screen-reader users were left at the top of the page
 * (WCAG 2.4.3). This wrapper remembers the element that had focus when the dialog mounted and
 * returns focus to it when the dialog unmounts, if focus was lost to the page body by then.
 */
export function Dialog(props: ModalProps) {
  const [opener] = useState(() => (document.activeElement instanceof HTMLElement ? document.activeElement : null));
  const pending = useRef<number | undefined>(undefined);
  useEffect(() => {
    // React's development double run of effects: cancel the return scheduled by the first cleanup.
    window.clearTimeout(pending.current);
    return () => {
      pending.current = window.setTimeout(() => {
        const active = document.activeElement;
        if (opener?.isConnected && (active === null || active === document.body)) opener.focus({ preventScroll: true });
      }, 0);
    };
  }, [opener]);
  return <Modal {...props} />;
}
