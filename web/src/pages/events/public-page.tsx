// What the public page says of an event, in the creation form and the
// organiser's editor.
import { useState } from 'preact/hooks';
import { api, eventPath, type LocalizedText, type PartneringEvent } from '../../api';
import { ErrorMessage } from '../../components/common';
import { textsOf, type Texts, Field, FieldGroup, type FieldErrors, localizedOf, LocalizedFields, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { useOrganizationNames } from '../../names';
import { useSession } from '../../session';
import { daysOf } from './shared';

// What the public page says of an event, in the creation form and the organiser's editor.
export function PublicFields(props: {
  description: Texts;
  setDescription: (texts: Texts) => void;
  visibility: 'public' | 'private';
  setVisibility: (v: 'public' | 'private') => void;
  venue: string;
  setVenue: (venue: string) => void;
  errors: FieldErrors;
}) {
  const { t } = useI18n();
  return (
    <>
      <LocalizedFields
        name="description"
        legend={t('event_description')}
        label={(language) => t('event_description_in', { language })}
        texts={props.description}
        onChange={props.setDescription}
        errors={props.errors}
        multiline
      />
      <Field name="visibility" label={t('event_visibility')} hint={t('event_visibility_hint')} errors={props.errors}>
        {(control) => (
          <select {...control} value={props.visibility} onChange={(e) => props.setVisibility(value(e) as 'public' | 'private')}>
            <option value="public">{t('event_public')}</option>
            <option value="private">{t('event_private')}</option>
          </select>
        )}
      </Field>
      <Field name="venue" label={t('venue')} hint={t('venue_hint')} errors={props.errors}>
        {(control) => <input {...control} value={props.venue} maxLength={300} onInput={(e) => props.setVenue(value(e))} />}
      </Field>
    </>
  );
}

interface SessionRow {
  titles: LocalizedText; // as saved, in every language: the row's title replaces the viewer's
  date: string;
  start: string;
  end: string;
  title: string;
  place: string;
}

// What the event's public page says, as its organisers edit it: the
// description, who may see the event, the venue, the hosts and the
// programme (each session's title in the organiser's language, kept in the
// others as they were).
export function PublicPageSection(props: { event: PartneringEvent; onSaved: () => void }) {
  const i18n = useI18n();
  const { t } = i18n;
  const { me } = useSession();
  const e = props.event;
  const [description, setDescription] = useState(textsOf(e.description));
  const [visibility, setVisibility] = useState<'public' | 'private'>(e.visibility ?? 'public');
  const [venue, setVenue] = useState(e.venue ?? '');
  const [hosts, setHosts] = useState<string[]>(e.hosts ?? []);
  const [rows, setRows] = useState<SessionRow[]>(
    (e.sessions ?? []).map((p) => ({
      titles: p.title,
      date: p.start.slice(0, 10),
      start: p.start.slice(11, 16),
      end: p.end.slice(11, 16),
      title: i18n.pick(p.title).text,
      place: p.place ?? '',
    })),
  );
  const { errors, formError, busy, run } = useSubmit();
  const [saved, setSaved] = useState(false);
  const days = daysOf(e);
  const mine = (me?.memberships ?? []).map((m) => m.organization);
  const hostChoices = [...new Set([...hosts, ...mine])];
  const names = useOrganizationNames(hostChoices);
  const update = (i: number, change: Partial<SessionRow>) => setRows(rows.map((r, j) => (j === i ? { ...r, ...change } : r)));
  const send = () =>
    run(async () => {
      setSaved(false);
      const sessions = rows.map((r) => {
        // A title shown from another language and left as it was stays in that language only.
        const untouched = !r.titles[i18n.lang] && r.title.trim() === i18n.pick(r.titles).text;
        const title = untouched ? r.titles : { ...r.titles, [i18n.lang]: r.title.trim() };
        return { title, start: `${r.date}T${r.start}`, end: `${r.date}T${r.end}`, ...(r.place.trim() ? { place: r.place.trim() } : {}) };
      });
      await api.put<PartneringEvent>(eventPath(e.id), {
        version: props.event.version, // the page reloads the event after each save
        description: localizedOf(description),
        visibility,
        venue: venue.trim(),
        hosts,
        sessions,
      });
      setSaved(true);
      props.onSaved();
    });
  return (
    <section aria-labelledby="public-page-heading">
      <h2 id="public-page-heading">{t('public_page')}</h2>
      <form
        class="card"
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          send();
        }}
      >
        <ErrorMessage error={formError} />
        <PublicFields
          description={description}
          setDescription={setDescription}
          visibility={visibility}
          setVisibility={setVisibility}
          venue={venue}
          setVenue={setVenue}
          errors={errors}
        />
        {hostChoices.length > 0 && (
          <fieldset>
            <legend>{t('event_hosts')}</legend>
            {hostChoices.map((id) => (
              <label key={id} class="checkbox">
                <input
                  type="checkbox"
                  checked={hosts.includes(id)}
                  onChange={(ev) => setHosts((ev.currentTarget as HTMLInputElement).checked ? [...hosts, id] : hosts.filter((h) => h !== id))}
                />{' '}
                {names[id] ? i18n.pick(names[id] ?? undefined).text : id}
              </label>
            ))}
          </fieldset>
        )}
        <FieldGroup name="sessions" legend={t('event_programme', { zone: e.time_zone })} errors={errors} class="programme-rows">
          {rows.map((r, i) => (
            <div class="programme-row" key={i}>
              <label>
                {t('day')}
                <select value={r.date} onChange={(ev) => update(i, { date: value(ev) })}>
                  {days.map((d) => (
                    <option key={d} value={d}>
                      {i18n.date(d)}
                    </option>
                  ))}
                </select>
              </label>
              <label>
                {t('session_starts')}
                <input type="time" value={r.start} onInput={(ev) => update(i, { start: value(ev) })} />
              </label>
              <label>
                {t('session_ends')}
                <input type="time" value={r.end} onInput={(ev) => update(i, { end: value(ev) })} />
              </label>
              <label>
                {t('programme_item')}
                <input value={r.title} maxLength={300} onInput={(ev) => update(i, { title: value(ev) })} />
              </label>
              <label>
                {t('where')}
                <input value={r.place} maxLength={300} onInput={(ev) => update(i, { place: value(ev) })} />
              </label>
              <button type="button" class="secondary" onClick={() => setRows(rows.filter((_, j) => j !== i))}>
                {t('remove_session', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" class="secondary" onClick={() => setRows([...rows, { titles: {}, date: days[0] ?? '', start: '09:00', end: '10:00', title: '', place: '' }])}>
            {t('add_session')}
          </button>
        </FieldGroup>
        <div class="actions">
          <button type="submit" disabled={busy} aria-busy={busy}>
            {t('save')}
          </button>
        </div>
        {saved && (
          <p role="status" class="notice">
            {t('public_page_saved')}
          </p>
        )}
      </form>
    </section>
  );
}
