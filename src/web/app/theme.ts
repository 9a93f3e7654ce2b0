import { createTheme, PasswordInput } from '@mantine/core';

export const theme = createTheme({
  primaryColor: 'teal',
  defaultRadius: 'sm',
  components: {
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
