import {
  Alert,
  createTheme,
  defaultVariantColorsResolver,
  type CSSVariablesResolver,
  type VariantColorsResolver,
  Modal,
  NavLink,
  Notification,
  PasswordInput,
} from '@mantine/core';

// Mantine's "light" variants put a mid shade on a pale tint of the same colour (3.8-4.0:1 for
// green, blue); body-text colour on the tint keeps the colour cue and meets WCAG AA.
const variantColorResolver: VariantColorsResolver = (input) => {
  const colors = defaultVariantColorsResolver(input);
  if (input.variant !== 'light') return colors;
  return { ...colors, color: 'var(--mantine-color-text)' };
};

export const theme = createTheme({
  variantColorResolver,
  // Shade 9 keeps links and filled buttons at >= 4.5:1 contrast (WCAG AA), also on tinted alerts.
  primaryColor: 'blue',
  primaryShade: 9,
  // Filled badges and buttons pick black or white text by background luminance.
  autoContrast: true,
  // Mantine's default (0.3) puts white on orange 9 and green 9 (4.3:1); at 0.18 those get black (4.8:1).
  luminanceThreshold: 0.18,
  defaultRadius: 'sm',
  components: {
    // Mantine's light alerts colour their titles in the alert colour (e.g. orange on light orange,
    // 3.6:1); body text colour keeps titles readable.
    Alert: Alert.extend({
      styles: { title: { color: 'var(--mantine-color-text)' } },
    }),
    // Mantine's close buttons (dialogs, notifications) are icon-only and have no name by default.
    // The active navigation item: white on the primary shade (6.6:1).
    NavLink: NavLink.extend({ defaultProps: { variant: 'filled' } }),
    Modal: Modal.extend({
      defaultProps: { closeButtonProps: { 'aria-label': 'Close dialog' } },
    }),
    Notification: Notification.extend({
      defaultProps: {
        closeButtonProps: { 'aria-label': 'Close notification' },
      },
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

// Mantine's "dimmed" text (gray 6) is 3.3:1 on white; gray 7 meets WCAG AA.
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  // Field errors: Mantine's red 6 is 3.3:1 on white; red 8 is 5.7:1.
  light: { '--mantine-color-dimmed': 'var(--mantine-color-gray-7)', '--mantine-color-error': 'var(--mantine-color-red-8)' },
  dark: {},
});
