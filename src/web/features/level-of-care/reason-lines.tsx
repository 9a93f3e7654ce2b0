import { List } from '@mantine/core';
import type { LocReason } from '../../../domain/level-of-care/engine';

/** The reasons as a list; a rule over several dimensions gives each the same text, shown once. */
export function ReasonLines({ reasons }: { reasons: readonly LocReason[] }) {
  const texts = [...new Set(reasons.map((reason) => reason.text))];
  return (
    <List size="sm" spacing={2}>
      {texts.map((text) => (
        <List.Item key={text}>{text}</List.Item>
      ))}
    </List>
  );
}
