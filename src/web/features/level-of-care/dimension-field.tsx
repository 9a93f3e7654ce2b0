import { Paper, Radio, Stack, Textarea } from '@mantine/core';
import type { LocDimension } from '../../../domain/level-of-care/pack';

/** One dimension: its anchors as a labelled radio group (arrow keys move between ratings) and a note. */
export function DimensionField({
  dimension,
  rating,
  note,
  onRate,
  onNote,
  error,
}: {
  dimension: LocDimension;
  rating: number | undefined;
  note: string;
  onRate: (rating: number) => void;
  onNote: (note: string) => void;
  error?: string | undefined;
}) {
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`dimension-${dimension.id}`}>
      <Stack gap="sm">
        <Radio.Group
          id={`dimension-${dimension.id}`}
          name={dimension.id}
          label={dimension.title}
          description={dimension.description}
          value={rating === undefined ? null : String(rating)}
          onChange={(value) => onRate(Number(value))}
          error={error}
          required
        >
          <Stack gap="xs" mt="xs">
            {dimension.anchors.map((anchor) => (
              <Radio
                key={anchor.rating}
                value={String(anchor.rating)}
                label={`${anchor.rating} · ${anchor.label}`}
                description={anchor.description}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Textarea
          label={`Note on ${dimension.title.toLowerCase()}`}
          autosize
          minRows={1}
          maxLength={2000}
          value={note}
          onChange={(event) => onNote(event.currentTarget.value)}
        />
      </Stack>
    </Paper>
  );
}
