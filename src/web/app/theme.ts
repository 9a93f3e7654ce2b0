import { createTheme, Modal, Notification, PasswordInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  components: {
    // Mantine's close buttons (dialogs, notifications) are icon-only and have no name by default.
    Modal: Modal.extend({ defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } } }),
    Notification: Notification.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close notification' } },
    }),
    PasswordInput: PasswordInput.extend({
      defaultProps: {
        // Keyboard users can reach the show/hide toggle too. Its name avoids the word "password"
        // so that the field's own label stays the only match for "Password".
        visibilityToggleFocusable: true,
        visibilityToggleButtonProps: { 'aria-label': 'Show typed characters' },
      },
    }),
  },
});
