import { TextInput } from '@mantine/core';
import { useState } from 'react';

/** "F33.1, f41.1 ,," → ['F33.1', 'F41.1'], commas, semicolons or new lines between (the server normalizes the same way). */
export function parseCodes(text: string): string[] {
  return text
    .split(/[,\s;]+/)
    .map((code) => code.trim().toUpperCase())
    .filter((code) => code !== '');
}

/** Diagnosis codes typed as a list; the text stays as typed while the parsed codes go up. */
export function CodesInput({
  label,
  codes,
  error,
  onChange,
}: {
  label: string;
  codes: readonly string[];
  error?: string | undefined;
  onChange: (codes: string[]) => void;
}) {
  const [text, setText] = useState(codes.join(', '));
  return (
    <TextInput
      label={label}
      description="Separate codes with commas, e.g. F33.1, F41.1"
      value={text}
      error={error}
      onChange={(event) => {
        setText(event.currentTarget.value);
        onChange(parseCodes(event.currentTarget.value));
      }}
    />
  );
}
