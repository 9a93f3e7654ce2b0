import { Badge, Button, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useState } from 'react';
import type { EpisodeDto, Role } from '../../lib/api-types';
import { ACCESS, canAccess } from '../../lib/roles';
import { AdmitModal, DischargeModal } from './episode-dialogs';
import { dispositionLabel, formatDate, levelLabel } from './patient-format';
import { useCensusPrograms } from './patients-api';
import { PlanEditor } from './plan-editor';
import { TransferModal } from './transfer-modal';

type Dialog = { kind: 'none' } | { kind: 'admit' } | { kind: 'transfer'; episode: EpisodeDto } | { kind: 'discharge'; episode: EpisodeDto };

function Fact({ label, value }: { label: string; value: string }) {
  return (
    <Text size="sm">
      <Text span c="dimmed" size="sm">
        {label}:
      </Text>{' '}
      {value}
    </Text>
  );
}

function EpisodeCard({
  episode,
  roles,
  onMove,
  onDischarge,
}: {
  episode: EpisodeDto;
  roles: readonly Role[];
  onMove: () => void;
  onDischarge: () => void;
}) {
  const [showPlan, setShowPlan] = useState(episode.status === 'open');
  const open = episode.status === 'open';
  const canMove = open && canAccess(roles, ACCESS.episodeMove);
  return (
    <Paper withBorder p="md" component="article" aria-labelledby={`episode-${episode.id}`}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start">
          <Group gap="xs">
            <Title order={3} size="h5" id={`episode-${episode.id}`}>
              {episode.programName}
            </Title>
            <Badge variant="light" tt="none">
              {levelLabel(episode.levelOfCare)}
            </Badge>
            <Badge color={open ? 'green' : 'gray'} variant="light" tt="none">
              {open ? 'Open' : `Closed: ${dispositionLabel(episode.disposition).toLowerCase()}`}
            </Badge>
            {episode.part2 && (
              <Badge color="grape" variant="light" tt="none" title="42 CFR Part 2 program: disclosure needs the patient's written consent">
                Part 2
              </Badge>
            )}
          </Group>
          {canMove && (
            <Group gap="xs">
              <Button size="xs" variant="light" onClick={onMove}>
                Transfer or step up/down
              </Button>
              <Button size="xs" variant="light" color="red" onClick={onDischarge}>
                Discharge
              </Button>
            </Group>
          )}
        </Group>
        <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing={4}>
          <Fact label="Site" value={episode.siteName} />
          <Fact label="Admitted" value={formatDate(episode.admittedOn)} />
          <Fact
            label="Expected to end"
            value={episode.expectedEndOn === null ? '—' : `${formatDate(episode.expectedEndOn)} (${episode.expectedWeeks ?? ''} weeks)`}
          />
          {!open && <Fact label="Closed on" value={formatDate(episode.dischargedOn)} />}
        </SimpleGrid>
        {episode.aftercareNote !== null && (
          <Fact label={episode.disposition === 'stepped_up' ? 'Referral' : 'Aftercare'} value={episode.aftercareNote} />
        )}
        <Button
          size="xs"
          variant="subtle"
          onClick={() => setShowPlan(!showPlan)}
          aria-expanded={showPlan}
          style={{ alignSelf: 'flex-start' }}
        >
          {showPlan ? 'Hide weekly plan' : 'Show weekly plan'}
        </Button>
        {showPlan && <PlanEditor episodeId={episode.id} canEdit={canAccess(roles, ACCESS.weeklyPlan)} />}
      </Stack>
    </Paper>
  );
}

/** The patient's episodes, open ones first, with admission, moves, discharge and the weekly plan. */
export function EpisodesSection({ patientId, episodes, roles }: { patientId: string; episodes: EpisodeDto[]; roles: readonly Role[] }) {
  const programs = useCensusPrograms();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const close = () => setDialog({ kind: 'none' });
  const ordered = [
    ...episodes.filter((episode) => episode.status === 'open'),
    ...episodes.filter((episode) => episode.status === 'closed'),
  ];
  return (
    <Stack gap="sm" component="section" aria-labelledby="episodes-heading">
      <Group justify="space-between">
        <Title order={2} size="h4" id="episodes-heading">
          Episodes of care
        </Title>
        {canAccess(roles, ACCESS.episodeAdmit) && <Button onClick={() => setDialog({ kind: 'admit' })}>Admit to a program</Button>}
      </Group>
      {ordered.length === 0 && (
        <Text size="sm" c="dimmed">
          Not admitted to any program yet.
        </Text>
      )}
      {ordered.map((episode) => (
        <EpisodeCard
          key={`${episode.id}:${episode.status}`}
          episode={episode}
          roles={roles}
          onMove={() => setDialog({ kind: 'transfer', episode })}
          onDischarge={() => setDialog({ kind: 'discharge', episode })}
        />
      ))}
      {dialog.kind === 'admit' && <AdmitModal patientId={patientId} programs={programs.data ?? []} onClose={close} />}
      {dialog.kind === 'transfer' && <TransferModal episode={dialog.episode} programs={programs.data ?? []} onClose={close} />}
      {dialog.kind === 'discharge' && <DischargeModal episode={dialog.episode} onClose={close} />}
    </Stack>
  );
}
