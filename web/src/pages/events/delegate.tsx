// A delegate's registration: availability, time zone, what they offer and
// seek; leaving the event.
import { useState } from 'preact/hooks';
import { api, enc, type EventDelegate, eventPath, type MeetingRequestList, type PartneringEvent } from '../../api';
import { ErrorMessage } from '../../components/common';
import { Field, type FieldErrors, OrganizationSelect, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import { useSession } from '../../session';
import { ParticipantsSection } from './participants';
import { AgendaSection, RequestsSection } from './agenda';
import { browserZone, SlotCheckboxes, ZoneField } from './shared';

// Registering (no delegate yet: the organisation represented and the
// attendance are chosen once) or changing one's registration: the time zone
// and the slots one is free in. Every slot ticked sends no list (free
// throughout); none ticked is refused before anything is sent.
export function DelegateForm(props: { event: PartneringEvent; delegate: EventDelegate | null; onSaved: () => void }) {
  const { t } = useI18n();
  const { me } = useSession();
  const mine = (me?.memberships ?? []).map((m) => m.organization);
  const all = props.event.slots.map((s) => s.id);
  const d = props.delegate;
  const [organization, setOrganization] = useState('');
  const [attendance, setAttendance] = useState<'in_person' | 'virtual'>('in_person');
  const [zone, setZone] = useState(d ? d.time_zone || props.event.time_zone : browserZone());
  const [chosen, setChosen] = useState(new Set(d?.available_slots?.length ? d.available_slots : all));
  const [cap, setCap] = useState(d?.max_meetings ? String(d.max_meetings) : '');
  const [listed, setListed] = useState(d?.listed ?? false);
  const { errors, formError, busy, submit } = useSubmit();
  if (!d && mine.length === 0) return <p>{t('register_needs_organization')}</p>;
  const send = async () => {
    const every = chosen.size === all.length;
    const slots = every ? null : all.filter((id) => chosen.has(id));
    if (d) {
      await api.put<EventDelegate>(`/api/delegates/${enc(d.id)}`, {
        version: d.version,
        time_zone: zone,
        available_slots: slots,
        max_meetings: cap ? Number(cap) : 0,
        listed,
      });
    } else {
      await api.post<EventDelegate>(`${eventPath(props.event.id)}/delegates`, {
        organization: organization || mine[0],
        time_zone: zone,
        attendance,
        listed,
        ...(slots ? { available_slots: slots } : {}),
        ...(cap ? { max_meetings: Number(cap) } : {}),
      });
    }
    props.onSaved();
  };
  return (
    <form
      noValidate
      onSubmit={(ev) => {
        ev.preventDefault();
        void submit((): FieldErrors => (chosen.size === 0 ? { available_slots: t('availability_required') } : {}), send);
      }}
    >
      <ErrorMessage error={formError} />
      {!d && (
        <OrganizationSelect name="organization" label={t('represent_organization')} organizations={mine} value={organization || mine[0]} onChange={setOrganization} errors={errors} />
      )}
      <ZoneField value={zone} onChange={setZone} errors={errors} label={t('your_time_zone')} hint={t('your_time_zone_hint')} />
      {!d && (
        <Field name="attendance" label={t('attendance')} errors={errors}>
          {(control) => (
            <select {...control} value={attendance} onChange={(e) => setAttendance(value(e) as 'in_person' | 'virtual')}>
              <option value="in_person">{t('attendance_in_person')}</option>
              <option value="virtual">{t('attendance_virtual')}</option>
            </select>
          )}
        </Field>
      )}
      <SlotCheckboxes event={props.event} chosen={chosen} onChange={setChosen} errors={errors} />
      <Field name="max_meetings" label={t('my_meeting_cap')} hint={t('meeting_cap_hint')} errors={errors}>
        {(control) => <input {...control} type="number" min={0} value={cap} onInput={(e) => setCap(value(e))} />}
      </Field>
      <p class="checkbox">
        <label>
          <input type="checkbox" checked={listed} onChange={(e) => setListed((e.currentTarget as HTMLInputElement).checked)} /> {t('list_me_publicly')}
        </label>
        <span class="hint">{t('list_me_publicly_hint')}</span>
      </p>
      <div class="actions">
        <button type="submit" disabled={busy} aria-busy={busy}>
          {d ? t('save') : t('register_delegate')}
        </button>
      </div>
    </form>
  );
}

export function DelegatePanel(props: { event: PartneringEvent; me: EventDelegate; onChanged: () => void }) {
  const { t } = useI18n();
  const { lang } = useI18n();
  const [requestsVersion, setRequestsVersion] = useState(0);
  const changed = () => setRequestsVersion((v) => v + 1);
  // The delegate's requests, read once for the agenda (proposed times) and the list.
  const requests = useLoad(
    () => api.get<MeetingRequestList>(`${eventPath(props.event.id)}/requests`, { lang }),
    [props.event.id, requestsVersion, lang],
  );
  return (
    <>
      <AgendaSection event={props.event} requests={requests} version={requestsVersion} onChanged={changed} />
      <RequestsSection event={props.event} requests={requests} onChanged={changed} />
      <ParticipantsSection event={props.event} version={requestsVersion} onAsked={changed} />
      {props.event.status === 'open' && (
        <details class="card">
          <summary>{t('my_registration')}</summary>
          <DelegateForm event={props.event} delegate={props.me} onSaved={props.onChanged} />
          <Unregister me={props.me} onDone={props.onChanged} />
        </details>
      )}
    </>
  );
}

// Leaving the event: the delegate's meetings are cancelled and the other sides told.
function Unregister(props: { me: EventDelegate; onDone: () => void }) {
  const { t } = useI18n();
  const { formError, busy, run } = useSubmit();
  return (
    <div class="unregister">
      <ErrorMessage error={formError} />
      <p class="hint">{t('unregister_hint')}</p>
      <button
        type="button"
        class="secondary danger"
        disabled={busy}
        onClick={() => {
          if (window.confirm(t('unregister_confirm'))) {
            run(async () => {
              await api.post(`/api/delegates/${enc(props.me.id)}/unregister`, { version: props.me.version });
              props.onDone();
            });
          }
        }}
      >
        {t('unregister')}
      </button>
    </div>
  );
}
