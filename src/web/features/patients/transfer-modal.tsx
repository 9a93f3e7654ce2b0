import { NativeSelect, NumberInput, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type SubmitEvent } from 'react';
import { moveKindBetween, type CareLevel } from '../../../domain/episodes/level-change';
import type { EpisodeDto, MoveKind, ProgramCensusDto } from '../../lib/api-types';
import { formErrorsFrom } from '../../lib/form-errors';
import { FormButtons, GeneralError, programLabel } from './episode-dialogs';
import { MOVE_KINDS, levelLabel, localToday } from './patient-format';
import { useTransfer, type TransferBody } from './patients-api';
import { Dialog } from '../../components/dialog';

const INPATIENT = 'inpatient';
const FIELDS = ['kind', 'toProgramId', 'effectiveOn', 'reason', 'referralNote', 'expectedWeeks'] as const;

/** Transfer, step up or step down: closes this episode and (except for inpatient care) opens one in the target program. */
export function TransferModal({ episode, programs, onClose }: { episode: EpisodeDto; programs: ProgramCensusDto[]; onClose: () => void }) {
  const transfer = useTransfer(episode.patientId, episode.id);
  const targets = programs.filter((program) => program.active && program.programId !== episode.programId);
  const [target, setTarget] = useState('');
  const [kind, setKind] = useState<MoveKind>('step_down');
  const [effectiveOn, setEffectiveOn] = useState(localToday());
  const [reason, setReason] = useState('');
  const [referralNote, setReferralNote] = useState('');
  const [expectedWeeks, setExpectedWeeks] = useState<string | number>('');
  const inpatient = target === INPATIENT;

  function chooseTarget(value: string) {
    setTarget(value);
    // The levels decide the kind; staff can still change it, and the server checks it.
    const level: CareLevel | undefined =
      value === INPATIENT ? 'inpatient' : targets.find((program) => program.programId === value)?.levelOfCare;
    if (level !== undefined) setKind(moveKindBetween(episode.levelOfCare, level));
  }

  function submit(event: SubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const body: TransferBody = inpatient
      ? { kind, toInpatient: true, effectiveOn, reason, referralNote }
      : {
          kind,
          ...(target === '' ? {} : { toProgramId: target }),
          effectiveOn,
          reason,
          expectedWeeks: expectedWeeks === '' ? null : Number(expectedWeeks),
        };
    transfer.mutate(body, {
      onSuccess: (result) => {
        notifications.show({
          color: 'green',
          message:
            result.opened === null ? `Closed ${episode.programName}: referred to inpatient care` : `Moved to ${result.opened.programName}`,
        });
        onClose();
      },
    });
  }

  const errors = transfer.isError ? formErrorsFrom(transfer.error, FIELDS) : null;
  const options = [
    { value: '', label: 'Choose where the patient goes' },
    ...targets.map((program) => ({ value: program.programId, label: programLabel(program) })),
    { value: INPATIENT, label: 'Inpatient care (referral out of this organization)' },
  ];
  return (
    <Dialog opened onClose={onClose} title={`Move from ${episode.programName}`} size="lg">
      <form onSubmit={submit} noValidate aria-label={`Move from ${episode.programName}`}>
        <Stack gap="md">
          <Text size="sm">
            Now in {episode.programName}, {levelLabel(episode.levelOfCare)}. This episode closes on the date below; the patient's weekly
            plan ends then too.
          </Text>
          <NativeSelect
            label="Move to"
            required
            data={options}
            value={target}
            onChange={(event) => chooseTarget(event.currentTarget.value)}
            error={errors?.fields.toProgramId}
          />
          <NativeSelect
            label="Kind of move"
            required
            data={MOVE_KINDS.map((item) => ({ value: item.value, label: item.label }))}
            value={kind}
            onChange={(event) => setKind(MOVE_KINDS.find((item) => item.value === event.currentTarget.value)?.value ?? 'transfer')}
            error={errors?.fields.kind}
          />
          <TextInput
            label="Effective date"
            type="date"
            required
            value={effectiveOn}
            onChange={(event) => setEffectiveOn(event.currentTarget.value)}
            error={errors?.fields.effectiveOn}
          />
          <Textarea
            label="Reason"
            required
            autosize
            minRows={2}
            value={reason}
            onChange={(event) => setReason(event.currentTarget.value)}
            error={errors?.fields.reason}
          />
          {inpatient ? (
            <Textarea
              label="Referral note"
              description="Where the patient is referred and how the handoff happens"
              required
              autosize
              minRows={2}
              value={referralNote}
              onChange={(event) => setReferralNote(event.currentTarget.value)}
              error={errors?.fields.referralNote}
            />
          ) : (
            <NumberInput
              label="Expected length in the new program (weeks)"
              min={1}
              max={104}
              allowDecimal={false}
              value={expectedWeeks}
              onChange={setExpectedWeeks}
              error={errors?.fields.expectedWeeks}
            />
          )}
          <GeneralError message={errors?.general} />
          <FormButtons submitLabel={inpatient ? 'Close and refer' : 'Move patient'} pending={transfer.isPending} onClose={onClose} />
        </Stack>
      </form>
    </Dialog>
  );
}
