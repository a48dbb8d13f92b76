// Creating an event from days and sessions.
import { useState } from 'preact/hooks';
import { useLocation } from 'preact-iso';
import { api, enc, type PartneringEvent } from '../../api';
import { Progress, SignInFirst } from '../../components/common';
import { emptyTexts, Field, FieldGroup, type FieldErrors, isBlank, localizedOf, LocalizedFields, RecordForm, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';
import { useSession } from '../../session';
import { useTitle } from '../../title';
import { PublicFields } from './public-page';
import { KINDS, ZoneField } from './shared';

export function EventFormPage() {
  const { t } = useI18n();
  const { me } = useSession();
  const location = useLocation();
  const [name, setName] = useState(emptyTexts());
  const [kind, setKind] = useState<string>('forum');
  const [zone, setZone] = useState('Europe/Moscow');
  const [firstDay, setFirstDay] = useState('');
  const [days, setDays] = useState('2');
  // Each day's sessions, as time inputs: a start and an end each.
  const [sessions, setSessions] = useState([
    { start: '09:00', end: '12:30' },
    { start: '14:00', end: '17:00' },
  ]);
  const setSession = (i: number, change: Partial<{ start: string; end: string }>) =>
    setSessions(sessions.map((s, j) => (j === i ? { ...s, ...change } : s)));
  const [slotMinutes, setSlotMinutes] = useState('30');
  const [breakMinutes, setBreakMinutes] = useState('0');
  const [tables, setTables] = useState('20');
  const [seats, setSeats] = useState('4');
  const [virtualRooms, setVirtualRooms] = useState('0');
  const [cap, setCap] = useState('');
  const [videoLink, setVideoLink] = useState('');
  const [description, setDescription] = useState(emptyTexts());
  const [visibility, setVisibility] = useState<'public' | 'private'>('public');
  const [venue, setVenue] = useState('');
  const submitting = useSubmit();
  const { errors } = submitting;
  useTitle(t('create_event'));
  if (me === undefined) return <Progress label={t('loading')} />;
  if (me === null) return <SignInFirst title={t('create_event')} message="sign_in_to_see" />;
  const dayList = (): string[] => {
    const [y, m, d] = firstDay.split('-').map(Number);
    return Array.from({ length: Number(days) || 0 }, (_, i) => new Date(Date.UTC(y, m - 1, d + i)).toISOString().slice(0, 10));
  };
  const sessionList = () =>
    sessions
      .filter((s) => s.start || s.end)
      .map((s, i) => ({ name: t('session_n', { n: i + 1 }), start: s.start, end: s.end }));
  return (
    <RecordForm
      title={t('create_event')}
      submitting={submitting}
      cancelHref="/events"
      check={(): FieldErrors => {
        const found: FieldErrors = {};
        if (isBlank(name)) found.name = t('name_required');
        if (!/^\d{4}-\d{2}-\d{2}$/.test(firstDay)) found.plan = t('first_day_required');
        const n = Number(tables);
        if (!Number.isInteger(n) || n < 0 || !Number.isInteger(Number(virtualRooms)) || n + Number(virtualRooms) < 1) found.rooms = t('tables_required');
        return found;
      }}
      send={async () => {
        const inPerson = Array.from({ length: Number(tables) }, (_, i) => ({ id: `t${i + 1}`, name: t('table_n', { n: i + 1 }), seats: Number(seats), mode: 'in_person' }));
        const remote = Array.from({ length: Number(virtualRooms) }, (_, i) => ({ id: `v${i + 1}`, name: t('virtual_room_n', { n: i + 1 }), seats: 8, mode: 'virtual' }));
        const created = await api.post<PartneringEvent>('/api/events', {
          name: localizedOf(name),
          ...(isBlank(description) ? {} : { description: localizedOf(description) }),
          visibility,
          ...(venue.trim() ? { venue: venue.trim() } : {}),
          kind,
          time_zone: zone,
          rooms: [...inPerson, ...remote],
          ...(cap ? { max_meetings: Number(cap) } : {}),
          ...(videoLink.trim() ? { video_link: videoLink.trim() } : {}),
          plan: { days: dayList(), sessions: sessionList(), slot_minutes: Number(slotMinutes), break_minutes: Number(breakMinutes) },
        });
        location.route(`/events/${enc(created.id)}/organise`);
      }}
    >
      <LocalizedFields name="name" legend={t('event_name')} label={(language) => t('event_name_in', { language })} texts={name} onChange={setName} errors={errors} maxLength={300} />
      <Field name="kind" label={t('event_kind')} errors={errors}>
        {(control) => (
          <select {...control} value={kind} onChange={(e) => setKind(value(e))}>
            {KINDS.map((k) => (
              <option value={k} key={k}>
                {t(`event_kind_${k}` as MessageKey)}
              </option>
            ))}
          </select>
        )}
      </Field>
      <PublicFields
        description={description}
        setDescription={setDescription}
        visibility={visibility}
        setVisibility={setVisibility}
        venue={venue}
        setVenue={setVenue}
        errors={errors}
      />
      <ZoneField value={zone} onChange={setZone} errors={errors} label={t('event_time_zone')} hint={t('event_time_zone_hint')} />
      <FieldGroup name="plan" legend={t('event_plan')} hint={t('event_plan_hint')} errors={errors}>
        <label>
          {t('first_day')}
          <input type="date" value={firstDay} onInput={(e) => setFirstDay(value(e))} />
        </label>
        <label>
          {t('number_of_days')}
          <input type="number" min={1} max={14} value={days} onInput={(e) => setDays(value(e))} />
        </label>
        <fieldset class="sessions">
          <legend>{t('sessions_each_day')}</legend>
          {sessions.map((s, i) => (
            <div class="session-row" key={i}>
              <label>
                {t('plan_session_starts', { n: i + 1 })}
                <input type="time" value={s.start} onInput={(e) => setSession(i, { start: value(e) })} />
              </label>
              <label>
                {t('plan_session_ends', { n: i + 1 })}
                <input type="time" value={s.end} onInput={(e) => setSession(i, { end: value(e) })} />
              </label>
              {sessions.length > 1 && (
                <button type="button" class="secondary" onClick={() => setSessions(sessions.filter((_, j) => j !== i))}>
                  {t('plan_remove_session', { n: i + 1 })}
                </button>
              )}
            </div>
          ))}
          {sessions.length < 6 && (
            <button type="button" class="secondary" onClick={() => setSessions([...sessions, { start: '', end: '' }])}>
              {t('plan_add_session')}
            </button>
          )}
        </fieldset>
        <label>
          {t('slot_minutes')}
          <input type="number" min={5} max={240} value={slotMinutes} onInput={(e) => setSlotMinutes(value(e))} />
        </label>
        <label>
          {t('break_minutes')}
          <input type="number" min={0} max={120} value={breakMinutes} onInput={(e) => setBreakMinutes(value(e))} />
        </label>
      </FieldGroup>
      <FieldGroup name="rooms" legend={t('tables_and_rooms')} errors={errors}>
        <label>
          {t('in_person_tables')}
          <input type="number" min={0} value={tables} onInput={(e) => setTables(value(e))} />
        </label>
        <label>
          {t('seats_per_table')}
          <input type="number" min={2} max={100} value={seats} onInput={(e) => setSeats(value(e))} />
        </label>
        <label>
          {t('virtual_rooms')}
          <input type="number" min={0} value={virtualRooms} onInput={(e) => setVirtualRooms(value(e))} />
        </label>
      </FieldGroup>
      <Field name="max_meetings" label={t('meeting_cap')} hint={t('meeting_cap_hint')} errors={errors}>
        {(control) => <input {...control} type="number" min={0} value={cap} onInput={(e) => setCap(value(e))} />}
      </Field>
      <Field name="video_link" label={t('video_link')} hint={t('video_link_hint')} errors={errors}>
        {(control) => <input {...control} type="url" value={videoLink} onInput={(e) => setVideoLink(value(e))} placeholder="https://meet.example.org/forum-{meeting}" />}
      </Field>
    </RecordForm>
  );
}
