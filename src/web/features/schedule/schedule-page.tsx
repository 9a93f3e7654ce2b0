import { Button, Group, Stack, Tabs, Text } from '@mantine/core';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import { ErrorAlert } from '../../components/error-alert';
import { SectionLoader } from '../../components/full-page-loader';
import { Page } from '../../components/page';
import type { CalendarSessionDto, CalendarViewKind, GroupTemplateDto } from '../../lib/api-types';
import { ACCESS, canAccess } from '../../lib/roles';
import { useActiveSession } from '../auth/session-provider';
import { AppointmentForm } from './appointment-form';
import { CalendarControls } from './calendar-controls';
import { FeedPanel } from './feed-panel';
import { useCalendar, useScheduleOptions } from './schedule-api';
import { SessionDialog } from './session-dialog';
import { SeriesEditor, TemplateForm } from './template-form';
import { TemplatesPanel } from './templates-panel';
import { mondayOf, todayDate, weekOf } from './week';
import { WeekGrid } from './week-grid';

const ALL_VIEWS: CalendarViewKind[] = ['site', 'program', 'clinician', 'room', 'patient'];

type Dialog =
  | { kind: 'none' }
  | { kind: 'session'; session: CalendarSessionDto }
  | { kind: 'template'; template: GroupTemplateDto | null }
  | { kind: 'series'; templateId: string }
  | { kind: 'appointment' };

/** /schedule: the week calendar by site, program, clinician, room or patient; group series; appointments; my calendar feed. */
export function SchedulePage() {
  const { user } = useActiveSession();
  const options = useScheduleOptions();
  const [params, setParams] = useSearchParams();
  const [dialog, setDialog] = useState<Dialog>({ kind: 'none' });
  const today = todayDate();
  const views = ALL_VIEWS.filter((view) => view !== 'patient' || canAccess(user.roles, ACCESS.patientReaders));
  const isClinical = user.roles.some((role) => role === 'clinician' || role === 'psychiatrist');

  const requestedView = views.find((view) => view === params.get('view'));
  const view: CalendarViewKind = requestedView ?? (isClinical ? 'clinician' : 'site');
  const defaultId = view === 'clinician' && isClinical ? user.id : view === 'site' ? (options.data?.sites[0]?.id ?? null) : null;
  const subjectId = params.get('id') ?? (requestedView === undefined ? defaultId : null);
  const weekParam = params.get('week');
  const week = weekParam !== null && mondayOf(weekParam) !== null ? weekParam : weekOf(today);
  const tab = params.get('tab') ?? 'calendar';
  const calendar = useCalendar(view, subjectId, week);

  const canConfigure = canAccess(user.roles, ACCESS.scheduleConfig);
  const canChange = canAccess(user.roles, ACCESS.scheduleChanges);

  function update(next: Record<string, string | null>) {
    setParams(
      (previous) => {
        const merged = new URLSearchParams(previous);
        for (const [key, value] of Object.entries(next)) {
          if (value === null || value === '') merged.delete(key);
          else merged.set(key, value);
        }
        return merged;
      },
      { replace: true },
    );
  }

  const close = () => setDialog({ kind: 'none' });
  const actions = (
    <Group gap="sm">
      {canChange && <Button onClick={() => setDialog({ kind: 'appointment' })}>Book appointment</Button>}
      {canConfigure && (
        <Button variant="light" onClick={() => setDialog({ kind: 'template', template: null })}>
          New group template
        </Button>
      )}
    </Group>
  );

  return (
    <Page title="Schedule" actions={actions}>
      {options.isPending && <SectionLoader label="Loading the schedule" />}
      {options.isError && <ErrorAlert error={options.error} onRetry={() => void options.refetch()} />}
      {options.isSuccess && (
        <Tabs value={tab} onChange={(value) => update({ tab: value === 'calendar' ? null : value })} keepMounted={false}>
          <Tabs.List>
            <Tabs.Tab value="calendar">Week calendar</Tabs.Tab>
            <Tabs.Tab value="templates">Group series</Tabs.Tab>
            <Tabs.Tab value="feed">My calendar feed</Tabs.Tab>
          </Tabs.List>
          <Tabs.Panel value="calendar" pt="md">
            <Stack gap="md">
              <CalendarControls
                view={view}
                subjectId={subjectId}
                week={week}
                options={options.data}
                views={views}
                onChange={(next) =>
                  update({
                    ...(next.view === undefined ? {} : { view: next.view }),
                    ...(next.id === undefined ? {} : { id: next.id }),
                    ...(next.week === undefined ? {} : { week: next.week }),
                  })
                }
              />
              {subjectId === null && <Text c="dimmed">Choose what to show.</Text>}
              {calendar.isError && <ErrorAlert error={calendar.error} />}
              {calendar.isPending && subjectId !== null && <SectionLoader label="Loading the week" />}
              {calendar.isSuccess && (
                <>
                  <Text size="sm" c="dimmed">
                    {calendar.data.label}
                    {calendar.data.timeZone === null ? ' · times in each site’s own zone' : ` · times in ${calendar.data.timeZone}`}
                  </Text>
                  <WeekGrid week={week} sessions={calendar.data.sessions} onOpen={(session) => setDialog({ kind: 'session', session })} />
                </>
              )}
            </Stack>
          </Tabs.Panel>
          <Tabs.Panel value="templates" pt="md">
            <TemplatesPanel
              options={options.data}
              canEdit={canConfigure}
              today={today}
              onEdit={(template) => setDialog({ kind: 'template', template })}
            />
          </Tabs.Panel>
          <Tabs.Panel value="feed" pt="md">
            <FeedPanel />
          </Tabs.Panel>
        </Tabs>
      )}
      {options.isSuccess && dialog.kind === 'session' && (
        <SessionDialog
          key={dialog.session.id}
          session={dialog.session}
          options={options.data}
          canChange={canChange}
          canEditSeries={canConfigure}
          onEditSeries={(templateId) => setDialog({ kind: 'series', templateId })}
          onClose={close}
        />
      )}
      {options.isSuccess && dialog.kind === 'template' && (
        <TemplateForm
          key={dialog.template?.id ?? 'new'}
          template={dialog.template}
          options={options.data}
          defaultProgramId={view === 'program' ? subjectId : null}
          today={today}
          onClose={close}
        />
      )}
      {options.isSuccess && dialog.kind === 'series' && (
        <SeriesEditor
          key={dialog.templateId}
          templateId={dialog.templateId}
          options={options.data}
          defaultProgramId={null}
          today={today}
          onClose={close}
        />
      )}
      {options.isSuccess && dialog.kind === 'appointment' && (
        <AppointmentForm
          options={options.data}
          defaults={{
            siteId: view === 'site' ? subjectId : null,
            patientId: view === 'patient' ? subjectId : null,
            date: mondayOf(week) ?? today,
          }}
          onClose={close}
        />
      )}
    </Page>
  );
}
