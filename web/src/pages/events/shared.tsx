// What the event pages share: wall-clock times, days, time zones, the
// event's facts and public page, slot and zone pickers.
import { useMemo } from 'preact/hooks';
import { enc, type EventSlot, type PartneringEvent } from '../../api';
import { Localized } from '../../components/common';
import { Field, FieldGroup, type FieldErrors, value } from '../../components/form';
import { useI18n } from '../../i18n';
import type { MessageKey } from '../../messages';

export const KINDS = ['forum', 'exhibition', 'conference'] as const;
const ZONES = ['Europe/Moscow', 'Asia/Shanghai', 'Asia/Almaty', 'Asia/Tashkent', 'Europe/Berlin', 'Europe/London', 'Asia/Jerusalem', 'UTC'];

// "2026-06-16T09:00" (a wall-clock time) as the viewer's locale writes it (en-GB: "Tue 16 Jun, 09:00").
export function wallClock(local: string, locale: string, withDate = true): string {
  const [date, time] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [hh, mm] = (time ?? '00:00').split(':').map(Number);
  const at = new Date(Date.UTC(y, m - 1, d, hh, mm));
  const options: Intl.DateTimeFormatOptions = withDate
    ? { weekday: 'short', day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit', timeZone: 'UTC' }
    : { hour: '2-digit', minute: '2-digit', timeZone: 'UTC' };
  return new Intl.DateTimeFormat(locale, options).format(at);
}

function dayOf(slot: EventSlot) {
  return slot.start.slice(0, 10);
}

// The event's days, in order.
export function daysOf(event: PartneringEvent): string[] {
  return [...new Set(event.slots.map(dayOf))];
}

export function browserZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone || 'UTC';
}


export function EventFacts(props: { event: PartneringEvent }) {
  const i18n = useI18n();
  const { t } = i18n;
  const e = props.event;
  const days = daysOf(e);
  const virtualRooms = (e.rooms ?? []).filter((r) => r.mode === 'virtual').length;
  return (
    <dl class="facts">
      <dt>{t('event_kind')}</dt>
      <dd>{t(`event_kind_${e.kind}` as MessageKey)}</dd>
      <dt>{t('event_days')}</dt>
      <dd>{days.map((d) => i18n.date(d)).join(', ')}</dd>
      <dt>{t('time_zone')}</dt>
      <dd>{e.time_zone}</dd>
      <dt>{t('event_slots')}</dt>
      <dd>{e.slots.length}</dd>
      <dt>{t('event_tables')}</dt>
      <dd>
        {e.tables}
        {virtualRooms > 0 && <span class="muted"> ({t('virtual_rooms_count', { count: virtualRooms })})</span>}
      </dd>
      {e.halls && e.halls.length > 0 && (
        <>
          <dt>{t('exhibitor_halls')}</dt>
          <dd>{e.halls.map((h) => h.name).join(', ')}</dd>
        </>
      )}
      <dt>{t('event_delegates')}</dt>
      <dd>{e.delegates ?? 0}</dd>
    </dl>
  );
}

// What the event's public page says besides the facts: its description,
// venue, hosts and programme.
export function EventAbout(props: { event: PartneringEvent }) {
  const i18n = useI18n();
  const { t } = i18n;
  const e = props.event;
  const sessions = e.sessions ?? [];
  return (
    <section aria-labelledby="about-heading">
      <h2 id="about-heading">{t('about_event')}</h2>
      {e.description && Object.keys(e.description).length > 0 && <Localized text={e.description} class="description" />}
      <dl class="facts">
        <dt>{t('venue')}</dt>
        <dd>{e.venue || t('online_only')}</dd>
        {(e.host_names ?? []).length > 0 && (
          <>
            <dt>{t('event_hosts')}</dt>
            <dd>
              {(e.host_names ?? []).map((h, i) => (
                <span key={h.id}>
                  {i > 0 && ', '}
                  <a href={`/organizations/${enc(h.id)}`}>{h.name}</a>
                </span>
              ))}
            </dd>
          </>
        )}
      </dl>
      {sessions.length > 0 && (
        <table class="data programme">
          <caption>{t('event_programme', { zone: e.time_zone })}</caption>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('programme_item')}</th>
              <th scope="col">{t('where')}</th>
            </tr>
          </thead>
          <tbody>
            {sessions.map((p) => {
              const title = i18n.pick(p.title);
              return (
                <tr key={`${p.start}-${title.text}`}>
                  <td>
                    {wallClock(p.start, i18n.locale)}–{wallClock(p.end, i18n.locale, false)}
                  </td>
                  <td lang={title.language}>{title.text}</td>
                  <td>{p.place ?? ''}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </section>
  );
}

export function SlotCheckboxes(props: { event: PartneringEvent; chosen: Set<string>; onChange: (chosen: Set<string>) => void; errors: FieldErrors }) {
  const i18n = useI18n();
  const { t } = i18n;
  const days = daysOf(props.event);
  const toggle = (id: string, on: boolean) => {
    const next = new Set(props.chosen);
    if (on) next.add(id);
    else next.delete(id);
    props.onChange(next);
  };
  return (
    <FieldGroup name="available_slots" legend={t('availability')} hint={t('availability_hint')} errors={props.errors} class="slots">
      {days.map((day) => (
        <fieldset key={day} class="slot-day">
          <legend>{i18n.date(day)}</legend>
          {props.event.slots
            .filter((s) => dayOf(s) === day)
            .map((s) => (
              <label class="checkbox" key={s.id}>
                <input type="checkbox" checked={props.chosen.has(s.id)} onChange={(ev) => toggle(s.id, (ev.target as HTMLInputElement).checked)} />
                {wallClock(s.start, i18n.locale, false)}–{wallClock(s.end, i18n.locale, false)}
              </label>
            ))}
        </fieldset>
      ))}
    </FieldGroup>
  );
}

// Every IANA time zone, named by its city and, in the viewer's language, the
// time it keeps ("Almaty — Kazakhstan Time (GMT+5)"; "阿拉木图 …" reads the
// generic name in Chinese); the usual ones of the exchange first.
function zoneOptions(locale: string): { common: { id: string; label: string }[]; all: { id: string; label: string }[] } {
  const label = (zone: string) => {
    const city = zone.split('/').pop()!.replaceAll('_', ' ');
    const part = (style: 'longGeneric' | 'shortOffset') => {
      try {
        return new Intl.DateTimeFormat(locale, { timeZone: zone, timeZoneName: style })
          .formatToParts(new Date())
          .find((p) => p.type === 'timeZoneName')?.value ?? '';
      } catch {
        return '';
      }
    };
    return `${city} — ${part('longGeneric')} (${part('shortOffset')})`;
  };
  const known = (Intl as unknown as { supportedValuesOf?: (key: string) => string[] }).supportedValuesOf?.('timeZone') ?? ZONES;
  const all = [...new Set([...known, ...ZONES])].map((id) => ({ id, label: label(id) }));
  all.sort((x, y) => x.label.localeCompare(y.label, locale));
  const common = [...new Set([browserZone(), ...ZONES])].map((id) => ({ id, label: label(id) }));
  return { common, all };
}

export function ZoneField(props: { value: string; onChange: (zone: string) => void; errors: FieldErrors; label: string; hint?: string }) {
  const { locale, t } = useI18n();
  const options = useMemo(() => zoneOptions(locale), [locale]);
  const listed = options.all.some((o) => o.id === props.value);
  return (
    <Field name="time_zone" label={props.label} hint={props.hint} errors={props.errors}>
      {(control) => (
        <select {...control} value={props.value} onChange={(e) => props.onChange(value(e))}>
          {!listed && <option value={props.value}>{props.value || '—'}</option>}
          <optgroup label={t('zones_common')}>
            {options.common.map((o) => (
              <option value={o.id} key={`common-${o.id}`}>
                {o.label}
              </option>
            ))}
          </optgroup>
          <optgroup label={t('zones_all')}>
            {options.all.map((o) => (
              <option value={o.id} key={o.id}>
                {o.label}
              </option>
            ))}
          </optgroup>
        </select>
      )}
    </Field>
  );
}

export function groupSessions(slots: EventSlot[]) {
  const groups: { day: string; session: string; first: EventSlot; last: EventSlot; count: number }[] = [];
  for (const slot of slots) {
    const last = groups[groups.length - 1];
    if (last && last.day === dayOf(slot) && last.session === (slot.session ?? '')) {
      last.last = slot;
      last.count += 1;
    } else {
      groups.push({ day: dayOf(slot), session: slot.session ?? '', first: slot, last: slot, count: 1 });
    }
  }
  return groups;
}
