// The JSON API as the UI uses it: typed requests, and one error type that
// carries what the server said (code, message, the field at fault).

export type Lang = 'en' | 'zh' | 'ru';
export type LocalizedText = Partial<Record<string, string>>;

export interface User {
  id: string;
  email: string;
  display_name: string;
  preferred_language: string;
  email_verified?: boolean;
  platform_admin?: boolean;
  event_organiser?: boolean;
}
export interface Me {
  user: User;
  memberships: { organization: string; role: 'admin' | 'member' }[];
}
export interface Certification {
  name: string;
  expires?: string;
}
export interface Organization {
  id: string;
  name: LocalizedText;
  kind: string;
  country: string;
  city?: LocalizedText;
  description?: LocalizedText;
  therapeutic_areas?: string[];
  modalities?: string[];
  capabilities?: string[];
  certifications?: Certification[];
  markets?: string[];
  website?: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface Opportunity {
  id: string;
  organization: string;
  direction: 'offer' | 'request';
  cooperation: string[];
  title: LocalizedText;
  description?: LocalizedText;
  members_details?: LocalizedText;
  cda_details?: LocalizedText;
  stage?: string;
  therapeutic_areas?: string[];
  modalities?: string[];
  target_countries?: string[];
  confidentiality: string;
  expires?: string;
  version: number;
  created_at: string;
  updated_at: string;
}
export interface Page<T> {
  items: T[];
  page: number;
  per_page: number;
  total: number;
  pages: number;
}
export interface ConceptRef {
  id: string;
  label: string;
}
export interface RecordSummary {
  type: 'organization' | 'opportunity';
  id: string;
  title: string;
  title_language: string;
  organization: { id: string; name: string };
  country: string;
  kind: string;
  direction?: string;
  cooperation?: string[];
  stage?: string;
  therapeutic_areas: string[];
}
export interface SnippetPart {
  text: string;
  highlight?: boolean;
}
export interface SearchItem extends RecordSummary {
  score: number;
  snippet: SnippetPart[];
  snippet_language: string;
  matched_concepts: ConceptRef[];
}
export interface FacetValue {
  value: string;
  count: number;
}
export interface SearchResult {
  q: string;
  language: string;
  query_language: string;
  concepts: ConceptRef[];
  // Nothing matched q as typed: the concepts searched for instead.
  broadened_to: ConceptRef[];
  // q with misspelt words put right ('' when none), and, when nothing was
  // found at all, concepts close to q; each finds something.
  did_you_mean: string;
  suggestions: ConceptRef[];
  total: number;
  page: number;
  per_page: number;
  items: SearchItem[];
  facets: Record<string, FacetValue[]>;
}
export interface MatchReason {
  code: string;
  text: string;
  contribution: number;
  items: string[];
}
export interface MatchItem extends RecordSummary {
  score: number;
  reasons: MatchReason[];
}
export interface MatchResult {
  language: string;
  items: MatchItem[];
  // Posts asking for the same kind of cooperation from the same side: competitors, shown apart.
  others_looking?: MatchItem[];
}
export interface Member {
  user_id: string;
  email: string;
  display_name: string;
  role: 'admin' | 'member';
}
export interface Collaboration {
  id: string;
  title?: LocalizedText;
  source?: string;
  year?: number;
  lead?: string;
  organizations: string[];
}
export interface TaxonomyEntry {
  code: string;
  labels: Record<string, string>;
  groups?: string[];
}
export interface Taxonomy {
  taxonomy: string;
  entries: TaxonomyEntry[];
}

export type DealStage = 'contact' | 'cda' | 'evaluation' | 'intention' | 'agreement' | 'implementation' | 'closed';
export const PIPELINE: DealStage[] = ['contact', 'cda', 'evaluation', 'intention', 'agreement', 'implementation'];
export const DECLINE_REASONS = ['too_early', 'benefit_unclear', 'route_to_market_unclear', 'not_a_priority', 'other'] as const;
export const CLOSE_REASONS = [
  'completed',
  'no_fit',
  'terms_not_agreed',
  'regulatory',
  'funding',
  'priorities_changed',
  'unresponsive',
  'other',
] as const;

export interface Interest {
  id: string;
  from_organization: string;
  to_organization: string;
  opportunity: string | null;
  message: string;
  status: 'pending' | 'accepted' | 'declined';
  decline_reason?: string;
  decision_note?: string;
  deal?: string;
  programme?: string;
  version: number;
  created_at: string;
}
export interface DealMove {
  from: DealStage | null;
  to: DealStage;
  actor: string;
  at: string;
  note: string;
  reason?: string;
}
export interface Deal {
  id: string;
  interest: string;
  opportunity: string | null;
  initiator: string;
  recipient: string;
  stage: DealStage;
  closed_in?: DealStage;
  close_reason?: string;
  cda: boolean;
  agreements: { organization: string; user: string; agreement_version: string; at: string }[];
  allowed_moves: DealStage[];
  moves: DealMove[];
  version: number;
  created_at: string;
  updated_at: string;
  // What the parties write about it; beyond the title, the parties' own.
  title: string;
  value: { amount: number; currency: string } | null;
  next_step: string;
  due: string | null;
  contact: { user: string; name: string } | null;
}
export interface Agreement {
  version: string;
  sha256: string;
  text: string;
}
export interface Funnel {
  deals: number;
  closed: number;
  closed_by_reason: Record<string, number>;
  stages: { stage: DealStage; reached: number; current: number; conversion: number | null; median_days: number | null }[];
}

export interface Programme {
  id: string;
  name: LocalizedText;
  kind: string;
  operator: string;
  description?: LocalizedText;
  version: number;
}
export interface Analytics {
  from: string | null;
  to: string | null;
  funnel: Funnel;
  flows: { from_country: string; to_country: string; deals: number; agreements: number }[];
  areas: { area: string; deals: number; agreements: number }[];
}

// An error response of the API, or a failure to reach it (status 0).
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly field: string | null = null,
    readonly language: string = 'en',  // the message's: the server tells it in ours when it can
  ) {
    super(message);
  }
}

// The viewer's language, asked of the server for its error messages.
let readerLanguage = 'en';
export function setReaderLanguage(lang: string) {
  readerLanguage = lang;
}

type Query = Record<string, string | number | undefined | null>;

export function withQuery(path: string, query: Query = {}): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value !== undefined && value !== null && value !== '') params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  let response: Response;
  // A file goes as it is (the upload routes); everything else as JSON.
  const file = body instanceof Blob;
  try {
    response = await fetch(path, {
      method,
      headers: {
        'Accept-Language': readerLanguage,
        ...(body === undefined ? {} : { 'Content-Type': file ? 'application/octet-stream' : 'application/json' }),
      },
      body: body === undefined ? undefined : file ? body : JSON.stringify(body),
      credentials: 'same-origin',
    });
  } catch {
    throw new ApiError(0, 'unavailable', 'BioBridge cannot be reached');
  }
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  let json: any = undefined;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    // not JSON: reported below
  }
  if (!response.ok) {
    const error = json?.error;
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? `HTTP ${response.status}`,
      error?.field ?? null,
      error?.language ?? 'en',
    );
  }
  return json as T;
}

export const api = {
  get: <T>(path: string, query?: Query) => request<T>('GET', withQuery(path, query)),
  post: <T>(path: string, body: unknown) => request<T>('POST', path, body),
  put: <T>(path: string, body: unknown) => request<T>('PUT', path, body),
  patch: <T>(path: string, body: unknown) => request<T>('PATCH', path, body),
  delete: (path: string) => request<void>('DELETE', path),
};

// Path segments are ids the server chose or validated, but encode them all the same.
export const enc = encodeURIComponent;

// The API address of a partnering event.
export function eventPath(id: string) {
  return `/api/events/${enc(id)}`;
}

// The expert committee.
export interface RubricCriterion {
  id: string;
  name: LocalizedText;
  weight: number;
}
export interface CommitteeSettings {
  reviewers_per_project: number;
  min_load: number;
  max_load: number;
  language_rule: boolean;
  blind: 'single' | 'double';
  rubric: RubricCriterion[];
  disagreement: number;
  review_deadline?: string; // RFC 3339, UTC: experts are reminded 48 hours before
}
export interface AssignmentEntry {
  project: string;
  expert: string;
  affinity: number;
  status: 'assigned' | 'declined';
  decline_reason?: string;
}
export interface AssignmentFigures {
  total_affinity: number;
  min_project_affinity: number;
  mean_project_affinity: number;
  min_project_bound: number;
  load: { min: number; max: number; stddev: number };
  covered_projects: number;
  projects: number;
  conflicts: number;
  kept: number;
  uncovered: { project: string; reviewers: number; reason: string }[];
}
export interface Committee {
  programme: string;
  members: string[];
  settings: CommitteeSettings;
  assignment_state: 'none' | 'draft' | 'published';
  assignment: AssignmentEntry[];
  figures: Partial<AssignmentFigures>;
  published_at?: string;
  version: number;
}
export interface Expert {
  id: string;
  user?: string;
  name: string;
  expertise?: LocalizedText;
  languages?: string[];
  therapeutic_areas?: string[];
  modalities?: string[];
  affiliations?: { organization?: string; name?: string; role?: string; from?: string; to?: string }[];
  conflicts?: { kind: string; organization?: string; person?: string; programme?: string; until?: string; note?: string }[];
  publications?: { title: string; abstract?: string; year?: number }[];
  version: number;
}
export const CONFLICT_KINDS = [
  'same_organization',
  'joint_project',
  'employment',
  'equity',
  'consulting',
  'advisory_board',
  'competing_programme',
  'investor_portfolio',
] as const;
export type Outcome = 'accept' | 'revise' | 'reject';
export const OUTCOMES: Outcome[] = ['accept', 'revise', 'reject'];
export interface ReviewProject {
  id: string;
  programme: string;
  organization?: string;
  opportunity?: string;
  title: LocalizedText;
  summary?: LocalizedText;
  language: string;
  therapeutic_areas?: string[];
  modalities?: string[];
  team?: { name: string; role?: string }[];
  documents?: { name: string; media_type?: string; bytes?: number }[];
  status: 'submitted' | 'decided' | 'withdrawn';
  decision?: {
    outcome: Outcome;
    note: string;
    decided_at: string;
    reviews_submitted?: number;
    reviewers_assigned?: number;
    override_reason?: string;
  };
  role: 'chair' | 'expert' | 'applicant';
  applicant_hidden: boolean;
  version: number;
  created_at: string;
}
export interface Review {
  id: string;
  project: string;
  expert: string;
  scores: Record<string, number>;
  strengths: string;
  risks: string;
  confidential_comment: string;
  recommendation: Outcome | '';
  status: 'draft' | 'submitted';
  submitted_at?: string;
  version: number;
}
// A project's reviewer as the chair sees them: a draft only as existing.
export interface ReviewerStatus {
  expert: string;
  expert_name: string;
  status: 'not_started' | 'draft' | 'submitted';
  assigned: boolean;
  weighted_score: number | null;
  last_saved?: string;
  review?: Review;
}
export interface ReviewerCandidate {
  expert: string;
  expert_name: string;
  affinity: number;
  load: number;
  assigned: boolean;
  reads_language: boolean;
  review_status: '' | 'draft' | 'submitted';
  available: boolean;
  unavailable: string;
  conflict: { kind: string; level: string; detail: string } | null;
}
export interface ProjectScores {
  project: string;
  reviews: number;
  overall: number | null;
  calibrated: number | null;
  criteria: Record<string, number>;
  spread: number;
  disagreement: boolean;
}
export interface ConflictEntry {
  expert: string;
  expert_name: string;
  project: string;
  kind: string;
  level: 'organization' | 'person' | 'programme';
  detail: string;
}
export interface AssignedProject {
  programme: string;
  project: ReviewProject;
  review_status: '' | 'draft' | 'submitted';
  review_version: number;
}
export interface Items<T> {
  items: T[];
}

// Partnering events.
export interface EventSlot {
  id: string;
  start: string; // wall-clock time in the event's zone, YYYY-MM-DDTHH:MM
  end: string;
  session?: string;
}
export interface MeetingRoom {
  id: string;
  name: string;
  seats: number;
  mode: 'in_person' | 'virtual';
  hall?: string;
  link?: string; // a virtual room's own video-call address (organisers only)
}
export interface EventDelegate {
  id: string;
  event: string;
  organization: string;
  name: string;
  user?: string;
  time_zone?: string;
  available_slots?: string[];
  max_meetings?: number;
  attendance?: 'in_person' | 'virtual';
  hall?: string;
  stand?: string;
  listed?: boolean; // on the event's public participant list
  status?: 'registered' | 'withdrawn';
  checked_in_at?: string;
  version: number;
}
export interface ProgrammeSession {
  title: LocalizedText;
  start: string; // wall-clock, in the event's zone
  end: string;
  place?: string;
}
export interface PartneringEvent {
  id: string;
  name: LocalizedText;
  description?: LocalizedText;
  visibility?: 'public' | 'private';
  venue?: string;
  hosts?: string[];
  host_names?: { id: string; name: string }[];
  sessions?: ProgrammeSession[];
  kind: 'forum' | 'exhibition' | 'conference';
  time_zone: string;
  programme?: string;
  tables: number;
  rooms?: MeetingRoom[];
  halls?: { id: string; name: string }[];
  max_meetings?: number;
  video_link?: string; // the address pattern for video rooms, with {meeting} (organisers only)
  slots: EventSlot[];
  status: 'open' | 'cancelled';
  version: number;
  organiser?: boolean;
  delegates?: number;
  listed_delegates?: number;
  schedule_state?: '' | 'draft' | 'published';
  me?: EventDelegate | null;
}
export type RequestStatus = 'pending' | 'accepted' | 'declined' | 'withdrawn';
export interface MeetingRequest {
  id: string;
  event: string;
  from: string;
  to: string;
  joining?: string[];
  priority: 'must' | 'would_like';
  status: RequestStatus;
  message?: string;
  from_name: string;
  from_organization: string;
  to_name: string;
  to_organization: string;
  direction?: 'outgoing' | 'incoming' | 'joining';
  proposed_slot?: string; // another slot one side proposed for the published meeting
  proposed_by?: string;
  version: number;
}
export type MeetingStatus = 'scheduled' | 'cancelled' | 'held' | 'no_show';
export interface ScheduledMeeting {
  request: string;
  slot: string;
  table: number;
  status: MeetingStatus;
  sequence: number;
  published: boolean;
  follow_up?: string[];  // organisations whose participants asked to follow up
  deal?: string;
}
export interface Schedule {
  event: string;
  state: 'draft' | 'published';
  meetings: ScheduledMeeting[];
  published_meetings?: ScheduledMeeting[];
  figures: {
    weight?: number;
    bound?: number;
    percent_of_bound?: number;
    exact?: boolean;
    requests?: number;
    no_room?: number;
    unscheduled?: string[];
  };
  published_at?: string;
  version: number;
}
export type InvitationKind = 'membership' | 'delegate' | 'programme_opportunity';
// Whatever is done in someone's name is an invitation they accept.
export interface Invitation {
  id: string;
  kind: InvitationKind;
  status: 'pending' | 'accepted' | 'declined' | 'withdrawn';
  target: string;
  target_name?: string;
  opportunity?: string;
  opportunity_title?: string;
  invitee_email?: string;
  invitee_user?: string;
  invitee_name?: string;
  invitee_organization?: string;
  invitee_organization_name?: string;
  inviter_organization?: string;
  inviter_organization_name?: string;
  invited_by_name?: string;
  organization_name?: string;
  role?: 'admin' | 'member';
  message?: string;
  // programme_opportunity: who asked, the programme's operator or the opportunity's owner
  direction?: 'operator_asks' | 'owner_applies';
  side: 'invitee' | 'inviter' | '';
  expires_at: string;
  version: number;
}
export interface InvitationSent {
  invitation: Invitation;
}
export interface SessionInfo {
  id: string;
  user_agent?: string;
  created_at: string;
  expires_at: string;
  current: boolean;
}

export interface AgendaItem extends ScheduledMeeting {
  priority: string;
  start: string;
  end: string;
  start_utc: string;
  place: string;
  virtual: boolean;
  video_link?: string; // where to join, for a meeting in a video room
  with: string[];
  with_organizations: string[];
}
export interface Agenda {
  delegate: EventDelegate;
  event_name: string;
  time_zone: string;
  published: boolean;
  check_in_code: string; // what the QR code on the agenda says (the delegate's and organisers' only)
  items: AgendaItem[];
}
export interface Participant {
  id: string;
  name: string;
  organization: string;
  organization_name: string;
  country: string;
  kind: string;
  therapeutic_areas: string[];
  offers: string[];
  seeks: string[];
  hall: string;
  stand: string;
  attendance: string;
  colleague: boolean;
  suggested: boolean;
  score?: number;
  reasons?: { code: string; text: string }[];
  request?: { id: string; status: RequestStatus };
  description?: string;
}
export interface ParticipantPage extends Page<Participant> {
  full: boolean; // every registered delegate, not only the public list
}
export interface CheckInResult {
  delegate: string;
  name: string;
  organization_name: string;
  already: boolean;
  checked_in_at?: string;
}
export interface Attendance {
  delegates: {
    id: string;
    name: string;
    organization_name: string;
    check_in_code: string;
    checked_in_at: string | null;
    meetings: number;
    held: number;
    no_show: number;
  }[];
  meetings: {
    request: string;
    slot: string;
    start: string;
    place: string;
    with: string[];
    outcome: 'upcoming' | 'unrecorded' | 'held' | 'no_show';
  }[];
}
export interface DelegateSuggestion {
  delegate: EventDelegate;
  organization_name: string;
  score: number;
  reasons: { code: string; text: string }[];
}

// --- Notifications and messages -------------------------------------------------

export interface AppNotification {
  id: number;
  kind: string;
  title: string;
  body: string;
  link: string;
  subject: { type: string; id: string };
  created_at: string;
  read: boolean;
  read_at?: string;
}
export interface Inbox {
  items: AppNotification[];
  unread: number;
  next_before: number | null;
}
export type Rhythm = 'immediately' | 'daily' | 'weekly' | 'never';
export const RHYTHMS: Rhythm[] = ['immediately', 'daily', 'weekly', 'never'];
export interface ThreadSummary {
  thread: string;
  title: string;
  link: string;
  last: ThreadMessage;
  unread: number;
}
export interface DocumentInfo {
  id: string;
  organization: string;
  subject: { type: 'organization' | 'opportunity' | 'certificate'; id: string };
  name: string;
  media_type: string;
  size: number;
  sha256: string;
  confidentiality: 'public' | 'members' | 'cda';
  created_at: string;
  content: string;
}
export type SavedSearchFilter =
  | 'type'
  | 'country'
  | 'kind'
  | 'area'
  | 'cooperation'
  | 'stage'
  | 'certificate'
  | 'certified_in';
export interface CertificateInfo {
  id: string;
  organization: string;
  kind: string;
  family: string;
  issuer: string;
  number: string;
  country: string;
  detail: string;
  products: string[];
  sites: string[];
  issued_on: string;
  expires_on: string | null;
  state: 'valid' | 'expiring' | 'expired';
  days_left: number | null;
  holds_in: string[];
  verified: { by: 'platform' | 'association'; organization: string; at: string; method: string; note: string } | null;
  version: number;
  documents: DocumentInfo[];
}
export interface SavedSearch {
  id: string;
  kind: 'search' | 'matches';
  name: string;
  rhythm: Rhythm;
  link: string;
  created_at: string;
  last_match_at: string | null;
  match_count: number;
  q?: string;
  lang?: string;
  filters?: Partial<Record<SavedSearchFilter, string>>;
  opportunity?: RecordSummary | null;
}
export interface NotificationPreference {
  kind: string;
  rhythm: Rhythm;
  default: Rhythm;
  mandatory: boolean;
}
export interface ThreadMessage {
  id: number;
  thread: string;
  author: { name: string; organization: string; organization_name: string };
  body: string;
  language: string;
  created_at: string;
  mine: boolean;
}
export interface Thread {
  thread: string;
  title: string;
  link: string;
  items: ThreadMessage[];
  read_up_to: number;
  unread: number;
  guests: string[];
  operator_to_add: string | null;
}
