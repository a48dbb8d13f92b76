// An event at the venue: the check-in QR code on a delegate's agenda, the
// organisers' check-in page (a hand scanner or typing, a photo of the code,
// or the phone's camera), attendance figures with the lists behind them,
// and printable table signs and agendas.
import jsQR from 'jsqr';
import QRCode from 'qrcode';
import { useEffect, useRef, useState } from 'preact/hooks';
import { useRoute } from 'preact-iso';
import {
  api,
  type Attendance,
  type CheckInResult,
  enc,
  eventPath,
  type EventSlot,
  type MeetingRequest,
  type MeetingRequestList,
  type PartneringEvent,
  type Schedule,
} from '../../api';
import { ErrorMessage, Progress } from '../../components/common';
import { Field, useSubmit, value } from '../../components/form';
import { useI18n } from '../../i18n';
import { useLoad } from '../../load';
import type { MessageKey } from '../../messages';
import { useTitle } from '../../title';


// "Name (Organisation) — Name (Organisation)": who meets at a table.
export function meetingPair(r: MeetingRequest) {
  return `${r.from_name} (${r.from_organization}) — ${r.to_name} (${r.to_organization})`;
}

// The QR code of a check-in code, as an image.
export function CheckInQr(props: { code: string; label: string; size?: number }) {
  const [src, setSrc] = useState('');
  useEffect(() => {
    let live = true;
    QRCode.toDataURL(props.code, { errorCorrectionLevel: 'M', margin: 2, width: props.size ?? 192 })
      .then((url) => live && setSrc(url))
      .catch(() => live && setSrc(''));
    return () => {
      live = false;
    };
  }, [props.code, props.size]);
  return src ? <img class="check-in-qr" src={src} alt={props.label} width={props.size ?? 192} height={props.size ?? 192} /> : null;
}

// The text of a QR code in an image (a photo or a camera frame), or null.
function decode(source: CanvasImageSource, width: number, height: number): string | null {
  const canvas = document.createElement('canvas');
  canvas.width = width;
  canvas.height = height;
  const context = canvas.getContext('2d');
  if (!context) return null;
  context.drawImage(source, 0, 0, width, height);
  const pixels = context.getImageData(0, 0, width, height);
  return jsQR(pixels.data, width, height)?.data ?? null;
}

export function CheckInPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const event = useLoad(() => api.get<PartneringEvent>(eventPath(params.id)), [params.id]);
  const [code, setCode] = useState('');
  const [done, setDone] = useState<CheckInResult | null>(null);
  const [unreadable, setUnreadable] = useState(false);
  const [scanning, setScanning] = useState(false);
  const video = useRef<HTMLVideoElement>(null);
  const { errors, formError, busy, run } = useSubmit();
  useTitle(t('check_in'));
  const send = (text: string) =>
    run(async () => {
      setDone(null);
      setDone(await api.post<CheckInResult>(`${eventPath(params.id)}/check-in`, { code: text.trim() }));
      setCode('');
    });
  // The camera: a frame every 250 ms until a code is read or scanning stops.
  useEffect(() => {
    if (!scanning) return;
    let stream: MediaStream | null = null;
    let timer = 0;
    let stopped = false;
    navigator.mediaDevices
      ?.getUserMedia({ video: { facingMode: 'environment' } })
      .then((s) => {
        stream = s;
        if (stopped || !video.current) return;
        video.current.srcObject = s;
        void video.current.play();
        timer = window.setInterval(() => {
          const v = video.current;
          if (!v || v.videoWidth === 0) return;
          const text = decode(v, v.videoWidth, v.videoHeight);
          if (text) {
            setScanning(false);
            send(text);
          }
        }, 250);
      })
      .catch(() => setScanning(false));
    return () => {
      stopped = true;
      window.clearInterval(timer);
      stream?.getTracks().forEach((track) => track.stop());
    };
  }, [scanning]);
  if (event.error) return <ErrorMessage error={event.error} onRetry={event.retry} />;
  if (!event.data) return <Progress label={t('loading')} />;
  const name = i18n.pick(event.data.name);
  const fromPhoto = async (file: File | undefined) => {
    setUnreadable(false);
    if (!file) return;
    const bitmap = await createImageBitmap(file);
    const text = decode(bitmap, bitmap.width, bitmap.height);
    if (text) send(text);
    else setUnreadable(true);
  };
  return (
    <section class="narrow check-in">
      <p class="result-meta">
        <a href={`/events/${enc(params.id)}/organise`} lang={name.language}>
          {name.text}
        </a>
      </p>
      <h1>{t('check_in')}</h1>
      <p>{t('check_in_help')}</p>
      {done && (
        <p role="status" class={done.already ? 'notice warning' : 'notice'}>
          {done.already
            ? t('checked_in_already', { name: done.name, organization: done.organization_name, at: i18n.dateTime(done.checked_in_at ?? '') })
            : t('checked_in_now', { name: done.name, organization: done.organization_name })}
        </p>
      )}
      <ErrorMessage error={formError} />
      <form
        noValidate
        onSubmit={(ev) => {
          ev.preventDefault();
          if (code.trim()) send(code);
        }}
      >
        <Field name="code" label={t('check_in_code')} hint={t('check_in_code_hint')} errors={errors}>
          {(control) => <input {...control} value={code} autoComplete="off" onInput={(e) => setCode(value(e))} />}
        </Field>
        <div class="actions">
          <button type="submit" disabled={busy || !code.trim()} aria-busy={busy}>
            {t('check_in_button')}
          </button>
        </div>
      </form>
      <Field name="photo" label={t('check_in_photo')} errors={errors}>
        {(control) => (
          <input {...control} type="file" accept="image/*" capture="environment" onChange={(e) => void fromPhoto((e.currentTarget as HTMLInputElement).files?.[0])} />
        )}
      </Field>
      {unreadable && <p class="error">{t('check_in_unreadable')}</p>}
      {navigator.mediaDevices && (
        <p>
          <button type="button" class="secondary" onClick={() => setScanning((s) => !s)}>
            {scanning ? t('camera_stop') : t('camera_scan')}
          </button>
        </p>
      )}
      {scanning && <video ref={video} class="scanner" muted playsInline />}
    </section>
  );
}

type Drill = 'checked_in' | 'not_checked_in' | 'no_show_delegates' | 'upcoming' | 'unrecorded' | 'held' | 'no_show';

export function AttendanceSection(props: { event: PartneringEvent }) {
  const i18n = useI18n();
  const { t } = i18n;
  const attendance = useLoad(() => api.get<Attendance>(`${eventPath(props.event.id)}/attendance`, { lang: i18n.lang }), [props.event.id, i18n.lang]);
  const [open, setOpen] = useState<Drill | null>(null);
  if (attendance.error) return <ErrorMessage error={attendance.error} onRetry={attendance.retry} />;
  if (!attendance.data) return <Progress label={t('loading')} />;
  const a = attendance.data;
  const delegates: Record<string, Attendance['delegates']> = {
    checked_in: a.delegates.filter((d) => d.checked_in_at),
    not_checked_in: a.delegates.filter((d) => !d.checked_in_at),
    no_show_delegates: a.delegates.filter((d) => d.no_show > 0).sort((x, y) => y.no_show - x.no_show),
  };
  const meetings = (outcome: string) => a.meetings.filter((m) => m.outcome === outcome);
  const figures: { key: Drill; label: MessageKey; count: number }[] = [
    { key: 'checked_in', label: 'attendance_checked_in', count: delegates.checked_in.length },
    { key: 'not_checked_in', label: 'attendance_not_checked_in', count: delegates.not_checked_in.length },
    { key: 'held', label: 'attendance_held', count: meetings('held').length },
    { key: 'no_show', label: 'attendance_no_show', count: meetings('no_show').length },
    { key: 'unrecorded', label: 'attendance_unrecorded', count: meetings('unrecorded').length },
    { key: 'upcoming', label: 'attendance_upcoming', count: meetings('upcoming').length },
    { key: 'no_show_delegates', label: 'attendance_no_show_delegates', count: delegates.no_show_delegates.length },
  ];
  const recorded = meetings('held').length + meetings('no_show').length;
  return (
    <section aria-labelledby="attendance-heading">
      <h2 id="attendance-heading">{t('attendance_heading')}</h2>
      <p>
        {t('attendance_summary', {
          delegates: a.delegates.length,
          meetings: a.meetings.length,
          rate: recorded > 0 ? Math.round((100 * meetings('no_show').length) / recorded) : 0,
        })}{' '}
        <a class="button secondary" href={`/events/${enc(props.event.id)}/check-in`}>
          {t('check_in')}
        </a>
      </p>
      <dl class="figures">
        {figures.map((f) => (
          <div key={f.key}>
            <dt>{t(f.label)}</dt>
            <dd>
              <button type="button" class="link" aria-expanded={open === f.key} onClick={() => setOpen(open === f.key ? null : f.key)}>
                {f.count}
              </button>
            </dd>
          </div>
        ))}
      </dl>
      {open && open in delegates && (
        <table class="data">
          <caption>{t(figures.find((f) => f.key === open)!.label)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('delegate_to_meet')}</th>
              <th scope="col">{t('organization')}</th>
              <th scope="col">{t('attendance_checked_in_at')}</th>
              <th scope="col">{t('attendance_meetings')}</th>
            </tr>
          </thead>
          <tbody>
            {delegates[open].map((d) => (
              <tr key={d.id}>
                <td>{d.name}</td>
                <td>{d.organization_name}</td>
                <td>{d.checked_in_at ? i18n.dateTime(d.checked_in_at) : '—'}</td>
                <td>{t('attendance_meeting_counts', { meetings: d.meetings, held: d.held, no_show: d.no_show })}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {open && !(open in delegates) && (
        <table class="data">
          <caption>{t(figures.find((f) => f.key === open)!.label)}</caption>
          <thead>
            <tr>
              <th scope="col">{t('when')}</th>
              <th scope="col">{t('where')}</th>
              <th scope="col">{t('with_whom')}</th>
            </tr>
          </thead>
          <tbody>
            {meetings(open).map((m) => (
              <tr key={m.request}>
                <td>{m.start.replace('T', ' ')}</td>
                <td>{m.place}</td>
                <td>{m.with.join(' — ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

// --- Printing ---------------------------------------------------------------------

// What the print pages read: the event, its published meetings in time
// order, who meets whom, and (for agendas) every delegate with their code.
// `data` is null until all of it has come.
function usePrintData(id: string, withDelegates: boolean) {
  const i18n = useI18n();
  const event = useLoad(() => api.get<PartneringEvent>(eventPath(id)), [id]);
  const schedule = useLoad(() => api.get<Schedule>(`${eventPath(id)}/schedule`), [id]);
  const requests = useLoad(() => api.get<MeetingRequestList>(`${eventPath(id)}/requests`, { lang: i18n.lang }), [id, i18n.lang]);
  const attendance = useLoad(
    () => (withDelegates ? api.get<Attendance>(`${eventPath(id)}/attendance`, { lang: i18n.lang }) : Promise.resolve(null)),
    [id, i18n.lang, withDelegates],
  );
  const error = event.error ?? schedule.error ?? requests.error ?? attendance.error;
  if (!event.data || !schedule.data || !requests.data || (withDelegates && !attendance.data)) return { error, data: null };
  const e = event.data;
  const order = new Map(e.slots.map((s, i) => [s.id, i]));
  const live = (schedule.data.published_meetings ?? [])
    .filter((m) => m.status !== 'cancelled')
    .sort((a, b) => (order.get(a.slot) ?? 0) - (order.get(b.slot) ?? 0));
  return {
    error,
    data: {
      event: e,
      slots: new Map(e.slots.map((s) => [s.id, s])),
      requests: new Map(requests.data.items.map((r) => [r.id, r])),
      live,
      delegates: attendance.data?.delegates ?? [],
    },
  };
}

function slotTime(slot: EventSlot | undefined, locale: string) {
  if (!slot) return '';
  const at = (local: string) => local.slice(11, 16);
  const day = new Intl.DateTimeFormat(locale, { weekday: 'short', day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${slot.start.slice(0, 10)}T00:00:00Z`),
  );
  return `${day} ${at(slot.start)}–${at(slot.end)}`;
}

function PrintButton() {
  const { t } = useI18n();
  return (
    <p class="no-print">
      <button type="button" onClick={() => window.print()}>
        {t('print')}
      </button>
    </p>
  );
}

export function PrintSignsPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { error, data } = usePrintData(params.id, false);
  useTitle(t('print_signs'));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Progress label={t('loading')} />;
  const { event: e, slots, requests, live } = data;
  const tables = Array.from({ length: e.tables }, (_, i) => i + 1);
  return (
    <article class="print-pages">
      <PrintButton />
      {tables.map((table) => {
        const room = e.rooms?.[table - 1];
        const hall = room?.hall ? e.halls?.find((h) => h.id === room.hall)?.name : undefined;
        const here = live.filter((m) => m.table === table);
        return (
          <section class="print-page table-sign" key={table}>
            <p class="muted">{i18n.pick(e.name).text}</p>
            <h1>{room?.name ?? t('table_n', { n: table })}</h1>
            {hall && <p class="hall">{hall}</p>}
            <table class="data">
              <tbody>
                {here.map((m) => {
                  const r = requests.get(m.request);
                  return (
                    <tr key={m.request}>
                      <td>{slotTime(slots.get(m.slot), i18n.locale)}</td>
                      <td>{r ? meetingPair(r) : m.request}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </section>
        );
      })}
    </article>
  );
}

export function PrintAgendasPage() {
  const { params } = useRoute();
  const i18n = useI18n();
  const { t } = i18n;
  const { error, data } = usePrintData(params.id, true);
  useTitle(t('print_agendas'));
  if (error) return <ErrorMessage error={error} />;
  if (!data) return <Progress label={t('loading')} />;
  const { event: e, slots, requests, live } = data;
  const place = (table: number) => e.rooms?.[table - 1]?.name ?? t('table_n', { n: table });
  return (
    <article class="print-pages">
      <PrintButton />
      <p class="no-print muted">{t('print_agendas_zone', { zone: e.time_zone })}</p>
      {data.delegates.map((d) => {
        const mine = live
          .filter((m) => {
            const r = requests.get(m.request);
            return r && (r.from === d.id || r.to === d.id || (r.joining ?? []).includes(d.id));
          });
        return (
          <section class="print-page delegate-agenda" key={d.id}>
            <p class="muted">{i18n.pick(e.name).text}</p>
            <h1>{d.name}</h1>
            <p>{d.organization_name}</p>
            {d.check_in_code && <CheckInQr code={d.check_in_code} label={t('check_in_qr_of', { name: d.name })} size={160} />}
            <table class="data">
              <thead>
                <tr>
                  <th scope="col">{t('when')}</th>
                  <th scope="col">{t('where')}</th>
                  <th scope="col">{t('with_whom')}</th>
                </tr>
              </thead>
              <tbody>
                {mine.map((m) => {
                  const r = requests.get(m.request)!;
                  const other = r.from === d.id ? `${r.to_name} (${r.to_organization})` : `${r.from_name} (${r.from_organization})`;
                  return (
                    <tr key={m.request}>
                      <td>{slotTime(slots.get(m.slot), i18n.locale)}</td>
                      <td>{place(m.table)}</td>
                      <td>{other}</td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
            <p class="muted">{t('agenda_in_zone', { zone: e.time_zone })}</p>
          </section>
        );
      })}
    </article>
  );
}
