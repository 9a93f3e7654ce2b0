import { Alert, Button, Group, NumberInput, Stack, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import type { RoomDto, SiteDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { useSaveRoom } from './sites-api';
import { Dialog } from '../../components/dialog';

const FIELDS = ['name', 'capacity'] as const;

/** New room at a site (room = null) or edit; rendered only while open. */
export function RoomFormModal({ site, room, onClose }: { site: SiteDto; room: RoomDto | null; onClose: () => void }) {
  const save = useSaveRoom(site.id);
  const [name, setName] = useState(room?.name ?? '');
  const [capacity, setCapacity] = useState<number | string>(room?.capacity ?? 10);

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    // An emptied field is sent as 0, so the server names the field instead of the form guessing.
    const seats = typeof capacity === 'number' ? capacity : Number(capacity) || 0;
    save.mutate(
      { roomId: room?.id ?? null, body: { name: name.trim(), capacity: seats } },
      {
        onSuccess: (saved) => {
          notifications.show({ color: 'green', message: `Saved ${saved.name}` });
          onClose();
        },
      },
    );
  }

  const errors = save.isError ? formErrorsFrom(save.error, FIELDS, { DUPLICATE: 'name' }) : null;
  const title = room === null ? `New room at ${site.name}` : `Edit ${room.name}`;
  return (
    <Dialog opened onClose={onClose} title={title}>
      <form onSubmit={submit} noValidate aria-label={title}>
        <Stack gap="md">
          <TextInput
            label="Room name"
            required
            value={name}
            error={errors?.fields.name}
            onChange={(event) => setName(event.currentTarget.value)}
          />
          <NumberInput
            label="Capacity (people)"
            required
            min={1}
            max={1000}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="none"
            value={capacity}
            error={errors?.fields.capacity}
            onChange={setCapacity}
          />
          {errors !== null && errors.general !== null && (
            <Alert color="red" role="alert">
              {errors.general}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              Cancel
            </Button>
            <Button type="submit" loading={save.isPending}>
              {room === null ? 'Add room' : 'Save changes'}
            </Button>
          </Group>
        </Stack>
      </form>
    </Dialog>
  );
}
