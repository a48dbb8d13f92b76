// The documents of an organisation, an opportunity, a certificate or a
// project for review: those the viewer may read, to download; members of the
// organisation upload (with a tier, except on a project, whose readers are
// its committee) and delete. The server reads each file's type from its content.
import { useState } from 'preact/hooks';
import { api, enc, withQuery, type CertificateInfo, type DocumentInfo } from '../api';
import { ErrorMessage, Progress } from './common';
import { useSubmit } from './form';
import { useI18n } from '../i18n';
import { useLoad } from '../load';
import { useLabels } from '../taxonomy';

const MAX_BYTES = 25 * 1024 * 1024;

function size(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
  if (bytes >= 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${bytes} B`;
}

// With `certificate`, the scans of that certificate, shown compact (no heading).
export function Documents(props: {
  organization: string;
  opportunity?: string;
  certificate?: string;
  reviewProject?: string;
  mine: boolean;
}) {
  const i18n = useI18n();
  const { t } = i18n;
  const labels = useLabels();
  const [changed, setChanged] = useState(0);
  const [tier, setTier] = useState('public');
  const [picked, setPicked] = useState<File | null>(null);
  const [tooBig, setTooBig] = useState(false);
  const list = useLoad(async () => {
    if (props.certificate) {
      return (await api.get<CertificateInfo>(`/api/certificates/${enc(props.certificate)}`)).documents;
    }
    const path = props.reviewProject
      ? `/api/review-projects/${enc(props.reviewProject)}/documents`
      : props.opportunity
        ? `/api/opportunities/${enc(props.opportunity)}/documents`
        : `/api/organizations/${enc(props.organization)}/documents`;
    return (await api.get<{ items: DocumentInfo[] }>(path)).items;
  }, [props.organization, props.opportunity, props.certificate, props.reviewProject, changed]);
  const { formError, busy, run } = useSubmit();
  if (!props.mine && list.data && list.data.length === 0) return null;
  const heading = props.certificate
    ? `documents-heading-${props.certificate}`
    : props.opportunity
      ? 'documents-heading-opportunity'
      : props.reviewProject
        ? 'documents-heading-project'
        : 'documents-heading';

  return (
    <section class={props.certificate ? 'documents' : 'documents card'} aria-labelledby={heading}>
      {props.certificate ? (
        <h4 id={heading}>{t('certificates_scans')}</h4>
      ) : (
        <h2 id={heading}>{t('documents')}</h2>
      )}
      <ErrorMessage error={list.error} onRetry={list.retry} />
      {list.busy && !list.data && <Progress label={t('loading')} />}
      {list.data && list.data.length === 0 && <p>{t('documents_none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul class="plain-list document-list">
          {list.data.map((d) => (
            <li key={d.id}>
              <a href={d.content} download={d.name}>
                {d.name}
              </a>{' '}
              <span class="muted">
                {size(d.size)}
                {!props.reviewProject && <> · {labels.label('confidentiality_tiers', d.confidentiality)}</>}
              </span>
              {props.mine && (
                <button
                  type="button"
                  class="secondary small"
                  disabled={busy}
                  aria-label={t('documents_delete_named', { name: d.name })}
                  onClick={() =>
                    run(async () => {
                      await api.delete(`/api/documents/${enc(d.id)}`);
                      setChanged((n) => n + 1);
                    })
                  }
                >
                  {t('alerts_delete')}
                </button>
              )}
            </li>
          ))}
        </ul>
      )}
      {props.mine && (
        <form
          class="document-upload"
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            if (!picked) return;
            if (picked.size > MAX_BYTES) {
              setTooBig(true);
              return;
            }
            setTooBig(false);
            run(async () => {
              await api.post(
                withQuery(`/api/organizations/${enc(props.organization)}/documents`, {
                  name: picked.name,
                  confidentiality: tier,
                  opportunity: props.opportunity,
                  certificate: props.certificate,
                  review_project: props.reviewProject,
                }),
                picked,
              );
              setPicked(null);
              (e.target as HTMLFormElement).reset();
              setChanged((n) => n + 1);
            });
          }}
        >
          <label>
            {props.certificate ? t('certificates_scan_file') : t('documents_file')}{' '}
            <input
              type="file"
              accept=".pdf,.png,.jpg,.jpeg,.webp,.gif,.docx,.xlsx,.pptx,.odt,.ods,.odp,.doc,.xls,.ppt,.txt,.csv"
              onChange={(e) => setPicked((e.target as HTMLInputElement).files?.[0] ?? null)}
            />
          </label>
          {!props.reviewProject && (
            <label>
              {t('confidentiality')}{' '}
              <select value={tier} onChange={(e) => setTier((e.target as HTMLSelectElement).value)}>
                {['public', 'members', 'cda'].map((c) => (
                  <option key={c} value={c}>
                    {labels.label('confidentiality_tiers', c)}
                  </option>
                ))}
              </select>
            </label>
          )}
          <button type="submit" disabled={busy || !picked}>
            {props.certificate ? t('certificates_scan_upload') : t('documents_upload')}
          </button>
          <p class="hint">{props.reviewProject ? t('documents_project_hint') : t('documents_hint')}</p>
          {tooBig && (
            <p class="error" role="alert">
              {t('documents_too_big')}
            </p>
          )}
          <ErrorMessage error={formError} />
        </form>
      )}
    </section>
  );
}
