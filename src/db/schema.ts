// Row types for Kysely, one interface per table in migrations/. Keep in step with the SQL.
import type { ColumnType, Generated, JSONColumnType } from 'kysely';

/** A name in several languages: {"en": "Water supply", "hi": "जल आपूर्ति"}. */
export type I18nText = Record<string, string>;
type I18n = JSONColumnType<I18nText>;
type Id = Generated<number>;
/** A jsonb column with a default: read as T, written as JSON text. */
type JsonWithDefault<T> = ColumnType<T, string | undefined, string>;

export interface PlaceLevelsTable {
  depth: number;
  name: I18n;
}

export interface EscalationLevelsTable {
  level: number;
  name: I18n;
}

export interface PlacesTable {
  id: Id;
  parent_id: number | null;
  depth: number;
  code: string;
  name: I18n;
  path: string;
  active: Generated<boolean>;
  calendar_id: ColumnType<number | null, number | null | undefined, number | null>;
  /** A representative point (headquarters, or the middle of a village or ward); both or neither. */
  latitude: ColumnType<number | null, number | null | undefined, number | null>;
  longitude: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DepartmentsTable {
  id: Id;
  code: string;
  name: I18n;
  active: Generated<boolean>;
  calendar_id: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface CategoryField {
  key: string;
  label: I18nText;
  required: boolean;
}

export type CategoryKind = 'complaint' | 'information' | 'service';
export type ResolutionUnit = 'working_hours' | 'calendar_days';
export type Priority = 'low' | 'normal' | 'high' | 'urgent';

export interface CategoriesTable {
  id: Id;
  department_id: number;
  code: string;
  name: I18n;
  kind: Generated<CategoryKind>;
  resolution_value: number;
  resolution_unit: ResolutionUnit;
  priority: Generated<Priority>;
  fields: JsonWithDefault<CategoryField[]>;
  active: Generated<boolean>;
  /** Other words for it per language, synonyms and Latin spellings: {"hi": ["नल", "handpump"]}. */
  keywords: JsonWithDefault<Record<string, string[]>>;
}

export interface PositionsTable {
  id: Id;
  department_id: number;
  place_id: number;
  level: number;
  title: I18n;
  is_nodal: Generated<boolean>;
  active: Generated<boolean>;
}

export interface OfficersTable {
  id: Id;
  name: string;
  phone: string | null;
  email: string | null;
  active: Generated<boolean>;
  created_at: Date;
}

export interface PositionHoldersTable {
  id: Id;
  position_id: number;
  officer_id: number;
  started_at: Date;
  ended_at: Date | null;
}

export interface RoutingRulesTable {
  id: Id;
  category_id: number;
  place_id: number;
}

export interface RoutingRuleStepsTable {
  rule_id: number;
  level: number;
  position_id: number;
}

export interface CitizensTable {
  id: Id;
  phone: string;
  name: string | null;
  language: Generated<string>;
  address: string | null;
  phone_verified_at: Date | null;
  created_at: Date;
  /** 0032_inbound_sms.sql: the citizen sent STOP. */
  sms_opted_out_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** 0034_channel_preference.sql: null = the channel they used, SMS as the fallback. */
  preferred_channel: ColumnType<
    'sms' | 'whatsapp' | 'email' | null,
    'sms' | 'whatsapp' | 'email' | null | undefined,
    'sms' | 'whatsapp' | 'email' | null
  >;
  /** 0100_citizen_email.sql: a verified address only (by use, or by a code sent to it). */
  email: ColumnType<string | null, string | null | undefined, string | null>;
  email_verified_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  email_verified_by: ColumnType<
    'used' | 'code' | null,
    'used' | 'code' | null | undefined,
    'used' | 'code' | null
  >;
}

/** 0100_citizen_email.sql: a code confirming an address a citizen typed on the portal. */
export interface CitizenEmailCodesTable {
  id: Id;
  citizen_id: number;
  email: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

export type Channel = 'phone' | 'web' | 'whatsapp' | 'sms' | 'email' | 'walk_in' | 'open311' | 'app';

export interface InteractionsTable {
  id: Id;
  citizen_id: number | null;
  channel: Channel;
  direction: Generated<'inbound' | 'outbound'>;
  external_id: string | null;
  summary: string | null;
  started_at: Date;
  ended_at: Date | null;
  /** The account that logged it (an integration, an agent); null for the service itself. */
  created_by: ColumnType<number | null, number | null | undefined, number | null>;
}

export type Status =
  | 'registered'
  | 'assigned'
  | 'in_progress'
  | 'awaiting_info'
  | 'resolved'
  | 'closed'
  | 'rejected';

export interface GrievancesTable {
  id: Id;
  reference: string;
  citizen_id: number | null;
  anonymous: Generated<boolean>;
  channel: Channel;
  category_id: number;
  department_id: number;
  place_id: number;
  subject: string;
  description: string;
  language: string;
  address: string | null;
  latitude: number | null;
  longitude: number | null;
  details: JsonWithDefault<Record<string, string>>;
  status: Status;
  position_id: number | null;
  level: number | null;
  due_at: Date | null;
  sla_paused_at: Date | null;
  reopen_count: Generated<number>;
  priority: Generated<Priority>;
  idempotency_key: string | null;
  request_hash: string | null;
  created_at: Date;
  updated_at: Date;
  resolved_at: Date | null;
  closed_at: Date | null;
  rule_id: ColumnType<number | null, number | null | undefined, number | null>;
  sla_started_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  next_reminder_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  reminders_sent: Generated<number>;
  command_centre_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  sla_next_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  anonymised_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The name given with an anonymous report (never written to the citizen's record). */
  reporter_name: ColumnType<string | null, string | null | undefined, string | null>;
  /** Subject and description folded for search (a stored generated column; never written). */
  search_text: ColumnType<string, never, never>;
}

/** A grievance's folded words and received time, for the trigram index (0143; written by triggers). */
export interface GrievanceWordsTable {
  grievance_id: number;
  created_at: Date;
  words: string;
}

export type ActorKind = 'citizen' | 'officer' | 'agent' | 'supervisor' | 'system' | 'api';

export interface GrievanceEventsTable {
  id: Id;
  grievance_id: number;
  at: Date;
  kind: string;
  from_status: Status | null;
  to_status: Status | null;
  actor_kind: ActorKind;
  actor_id: number | null;
  position_id: number | null;
  note: string | null;
  data: JsonWithDefault<Record<string, unknown>>;
  public: Generated<boolean>;
}

export interface InteractionGrievancesTable {
  interaction_id: number;
  grievance_id: number;
}

export interface NotificationsTable {
  id: Id;
  recipient_kind: 'citizen' | 'position' | 'officer';
  citizen_id: number | null;
  position_id: number | null;
  officer_id: number | null;
  grievance_id: number | null;
  channel: string;
  template: string;
  language: string;
  params: JsonWithDefault<Record<string, unknown>>;
  status: Generated<'pending' | 'sending' | 'sent' | 'delivered' | 'failed'>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  last_error: string | null;
  provider_id: string | null;
  created_at: Date;
  sent_at: Date | null;
  delivered_at: Date | null;
  /** 0030_delivery.sql: the claim's lease, the adapter that took it, when it failed for good. */
  lease_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  provider: ColumnType<string | null, string | null | undefined, string | null>;
  failed_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface CalendarsTable {
  id: Id;
  name: string;
  time_zone: string;
  is_default: Generated<boolean>;
}

export interface CalendarHoursTable {
  calendar_id: number;
  weekday: number;
  opens_minute: number;
  closes_minute: number;
}

export interface HolidaysTable {
  id: Id;
  place_id: number;
  /** 'YYYY-MM-DD' (dates are read as strings, never shifted by a time zone). */
  day: string;
  name: I18n;
}

export interface CategoryLevelTimesTable {
  category_id: number;
  level: number;
  resolution_value: number;
  resolution_unit: ResolutionUnit;
}

export interface SlaPolicyTable {
  id: Generated<number>;
  reminder_percents: number[];
  close_resolved_after_days: number;
  retention_years: Generated<number>;
}

export type Role =
  | 'admin'
  | 'auditor'
  | 'supervisor'
  | 'agent'
  | 'nodal_officer'
  | 'officer'
  | 'monitor'
  | 'intake';

export interface UsersTable {
  id: Id;
  kind: 'staff' | 'api';
  email: string | null;
  name: string;
  password_hash: string | null;
  totp_secret: string | null;
  totp_enabled_at: Date | null;
  officer_id: number | null;
  active: Generated<boolean>;
  failed_sign_ins: Generated<number>;
  locked_until: Date | null;
  created_at: Date;
  /** Wrong second-factor codes since the last good one (0021), and the lock they lead to. */
  totp_failures: Generated<number>;
  totp_locked_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** The TOTP step of the last accepted code: a code is accepted once. */
  totp_last_step: ColumnType<string | null, string | number | null | undefined, string | number | null>;
  /** The authenticator was reset by an admin: a new one must be set up at the next sign-in (0110). */
  totp_enrol_required: Generated<boolean>;
  /** Until when a reset authenticator may be set up again (0147); after it, another reset is needed. */
  totp_reset_until: ColumnType<Date | null, Date | null | undefined, Date | null>;
  /** An API client allowed admin or supervisor roles, explicitly (0022). */
  dangerous_scope: Generated<boolean>;
}

export interface RoleGrantsTable {
  id: Id;
  user_id: number;
  role: Role;
  department_id: number | null;
  place_id: number | null;
}

export interface SessionsTable {
  token_hash: string;
  user_id: number | null;
  citizen_id: number | null;
  csrf_token: string;
  mfa_passed: boolean;
  ip: string | null;
  user_agent: string | null;
  created_at: Date;
  last_seen_at: Date;
  expires_at: Date;
  /** Wrong second-factor codes given on this session (0021). */
  totp_failures: Generated<number>;
}

export interface ApiKeysTable {
  id: Id;
  user_id: number;
  name: string;
  prefix: string;
  key_hash: string;
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

export interface CitizenOtpsTable {
  id: Id;
  phone: string;
  code_hash: string;
  attempts: Generated<number>;
  created_at: Date;
  expires_at: Date;
  consumed_at: Date | null;
}

export interface AuditLogTable {
  id: Id;
  at: Date;
  actor_kind: string;
  actor_id: number | null;
  ip: string | null;
  action: string;
  entity: string | null;
  entity_id: string | null;
  reason: string | null;
  data: JsonWithDefault<Record<string, unknown>>;
}

/** An entry's place in the hash chain, written once by the sealer (audit-seal.ts). */
export interface AuditSealsTable {
  seq: number;
  entry_id: number;
  /** SHA-256 digests; the code reads and writes them as hex (audit-seal.ts). */
  prev_hash: Uint8Array;
  hash: Uint8Array;
  sealed_at: Date;
}

/** Where the sealer looks for entries to seal (one row; see audit-seal.ts). */
export interface AuditSealHorizonTable {
  one: Generated<boolean>;
  floor: number;
  pending: number | null;
  pending_writers: string[] | null;
}

export type AttachmentKind = 'evidence' | 'proof';
export type AttachmentMediaType = 'image/jpeg' | 'image/png' | 'image/webp' | 'application/pdf';

export interface AttachmentsTable {
  id: Id;
  grievance_id: number;
  event_id: ColumnType<number | null, number | null | undefined, number | null>;
  kind: AttachmentKind;
  uploader_kind: ActorKind;
  uploader_id: number | null;
  media_type: AttachmentMediaType;
  size: number;
  sha256: string;
  file_name: string | null;
  /** Buffer from PostgreSQL, Uint8Array from PGlite; null once removed after the retention period. */
  content: Uint8Array | null;
  created_at: Date;
  purged_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export type ArticleKind = 'scheme' | 'service' | 'faq';
/** Short texts per language: {"en": ["Aadhaar card"], "hi": ["आधार कार्ड"]}. */
export type I18nList = Record<string, string[]>;

export interface KnowledgeArticlesTable {
  id: Id;
  department_id: number | null;
  code: string;
  kind: ArticleKind;
  title: I18n;
  summary: I18n;
  eligibility: JsonWithDefault<I18nText>;
  benefits: JsonWithDefault<I18nText>;
  how_to_apply: JsonWithDefault<I18nText>;
  documents: JsonWithDefault<I18nList>;
  short_answer: JsonWithDefault<I18nText>;
  tags: ColumnType<string[], string[] | undefined, string[]>;
  official_link: string | null;
  published: Generated<boolean>;
  published_at: Date | null;
  created_at: Date;
  updated_at: Date;
  /** Folded text for search, generated by the database from the columns above. */
  search_title: ColumnType<string, never, never>;
  search_summary: ColumnType<string, never, never>;
  search_tags: ColumnType<string, never, never>;
}

// Calls and drafts: the seam between the channels (IVR, telephony webhook, SMS, WhatsApp, email) and the
// agent desk (0008_calls_and_drafts.sql).

export interface CallQueuesTable {
  id: Id;
  code: string;
  name: I18n;
  language: string | null;
  place_id: number | null;
  skill: Generated<string>;
  calendar_id: number | null;
  active: Generated<boolean>;
}

export type CallState = 'ivr' | 'queued' | 'offered' | 'connected' | 'wrap_up' | 'ended' | 'abandoned';

/** One step through the IVR: the menu node and what the caller pressed or said there. */
export interface CallStep {
  node: string;
  input?: string;
  /** What the caller said at a gather that listens (the provider's transcript) and its confidence. */
  heard?: string;
  confidence?: number;
  at: string;
}

export interface CallsTable {
  id: Id;
  interaction_id: number;
  provider: string;
  provider_call_id: string;
  direction: Generated<'inbound' | 'outbound'>;
  caller: string | null;
  called: string | null;
  citizen_id: number | null;
  language: string | null;
  district_id: number | null;
  path: JsonWithDefault<CallStep[]>;
  state: Generated<CallState>;
  queue_id: number | null;
  queued_at: Date | null;
  agent_user_id: number | null;
  offered_at: Date | null;
  answered_at: Date | null;
  ended_at: Date | null;
  outcome: string | null;
  started_at: Date;
  // The desk's wrap-up (0070_desk.sql).
  disposition: ColumnType<Disposition | null, Disposition | null | undefined, Disposition | null>;
  wrap_notes: ColumnType<string | null, string | null | undefined, string | null>;
  wrapped_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
  after_call_seconds: ColumnType<number | null, number | null | undefined, number | null>;
  // Where the PBX or provider keeps the recording (0073_desk_screens.sql).
  recording_url: ColumnType<string | null, string | null | undefined, string | null>;
}

export type DraftStatus = 'open' | 'registered' | 'discarded';

export interface IntakeDraftsTable {
  id: Id;
  channel: Channel;
  interaction_id: number | null;
  call_id: number | null;
  citizen_id: number | null;
  language: string | null;
  text: string | null;
  place_id: number | null;
  category_id: number | null;
  data: JsonWithDefault<Record<string, unknown>>;
  anonymous: Generated<boolean>;
  status: Generated<DraftStatus>;
  grievance_id: number | null;
  closed_by: number | null;
  closed_at: Date | null;
  close_reason: string | null;
  created_at: Date;
}

export type DraftMediaType =
  | 'image/jpeg'
  | 'image/png'
  | 'image/webp'
  | 'application/pdf'
  | 'audio/wav'
  | 'audio/ogg'
  | 'audio/mpeg'
  | 'audio/mp4'
  | 'audio/amr';

export interface IntakeDraftMediaTable {
  id: Id;
  draft_id: number;
  media_type: DraftMediaType;
  size: number;
  sha256: string;
  duration_ms: number | null;
  content: Uint8Array;
  created_at: Date;
}

export interface GrievanceOpenCountsTable {
  department_id: number;
  place_id: number;
  position_id: number | null;
  state: 'registered' | 'running' | 'awaiting_info';
  command_centre: boolean;
  n: number;
}

export interface GrievanceOpenCountDeltasTable {
  id: Id;
  department_id: number;
  place_id: number;
  position_id: number | null;
  state: 'registered' | 'running' | 'awaiting_info';
  command_centre: boolean;
  delta: number;
}

// The agent desk (0070_desk.sql).

export type Disposition =
  | 'registered'
  | 'enquiry_answered'
  | 'status_given'
  | 'wrong_number'
  | 'prank'
  | 'callback_needed';

export type AgentState = 'available' | 'on_call' | 'wrap_up' | 'break' | 'signed_out';

export interface DeskAgentsTable {
  user_id: number;
  languages: ColumnType<string[], string[] | undefined, string[]>;
  place_ids: ColumnType<number[], number[] | undefined, number[]>;
  skills: ColumnType<string[], string[] | undefined, string[]>;
  state: Generated<AgentState>;
  state_since: Date;
  idle_since: Date | null;
  call_id: number | null;
  extension: string | null;
}

export interface DeskAgentEventsTable {
  id: Id;
  user_id: number;
  at: Date;
  from_state: AgentState | null;
  to_state: AgentState;
  call_id: number | null;
  reason: string | null;
}

export interface TelephonySourcesTable {
  id: Id;
  code: string;
  name: string;
  secret: string;
  default_queue_id: number | null;
  active: Generated<boolean>;
  created_at: Date;
}

export interface DeskSettingsTable {
  id: Generated<number>;
  service_level_seconds: Generated<number>;
  offer_timeout_seconds: Generated<number>;
  anonymous_to_agents: Generated<boolean>;
  quality_share_percent: Generated<number>;
  monthly_cap: ColumnType<number | null, number | null | undefined, number | null>;
}

export interface DeskRegistrationsTable {
  id: Id;
  grievance_id: number;
  agent_user_id: number;
  call_id: number | null;
  centre_place_id: number | null;
  cap_override_reason: string | null;
  at: Date;
}

export interface QualityReviewsTable {
  id: Id;
  registration_id: number;
  agent_user_id: number;
  status: Generated<'pending' | 'passed' | 'returned' | 'corrected'>;
  scores: ColumnType<Record<string, number> | null, string | null | undefined, string | null>;
  score: number | null;
  comments: string | null;
  reviewer_id: number | null;
  sampled_at: Date;
  reviewed_at: Date | null;
  // The agent's correction of a returned registration (0073_desk_screens.sql).
  correction: ColumnType<string | null, string | null | undefined, string | null>;
  corrected_at: ColumnType<Date | null, Date | null | undefined, Date | null>;
}

export interface QualityChecklistTable {
  code: string;
  label: I18n;
  position: number;
  active: Generated<boolean>;
}

export interface DeskEnquiriesTable {
  id: Id;
  /** The call it was asked on, or null for a visitor at a walk-in centre (centre_place_id). */
  call_id: number | null;
  centre_place_id: number | null;
  interaction_id: number;
  citizen_id: number | null;
  article_id: number | null;
  question: string;
  outcome: 'answered' | 'information_request';
  grievance_id: number | null;
  agent_user_id: number;
  at: Date;
}

export interface CitizenFlagsTable {
  id: Id;
  citizen_id: number;
  reason: string;
  flagged_by: number | null;
  flagged_at: Date;
  cleared_by: number | null;
  cleared_at: Date | null;
}

// Outbound work lists (0071_outbound.sql).

export type OutboundKind = 'feedback' | 'callback' | 'campaign';
export type OutboundItemState = 'pending' | 'in_progress' | 'done' | 'failed' | 'skipped';

export interface OutboundListsTable {
  id: Id;
  kind: OutboundKind;
  name: string;
  article_id: number | null;
  segment: JsonWithDefault<{ placeId?: number; categoryId?: number; language?: string }>;
  max_attempts: Generated<number>;
  retry_minutes: Generated<number>;
  status: Generated<'running' | 'paused' | 'done'>;
  created_by: number | null;
  created_at: Date;
}

export interface OutboundItemsTable {
  id: Id;
  list_id: number;
  citizen_id: number;
  grievance_id: number | null;
  call_id: number | null;
  state: Generated<OutboundItemState>;
  attempts: Generated<number>;
  next_attempt_at: Date;
  outcome: string | null;
  notes: string | null;
  agent_user_id: number | null;
  updated_at: Date;
}

export interface OutboundAttemptsTable {
  id: Id;
  item_id: number;
  agent_user_id: number | null;
  at: Date;
  result: string;
  notes: string | null;
}

export interface DoNotCallTable {
  phone: string;
  reason: string;
  added_by: number | null;
  added_at: Date;
}

export interface SchemaMigrationsTable {
  name: string;
  applied_at: ColumnType<Date, never, never>;
}

// The IVR (0050_ivr.sql, src/channels/voice/).

export interface IvrFlowsTable {
  id: Id;
  name: string;
  version: number;
  definition: JSONColumnType<import('../channels/voice/flow.ts').FlowDefinition>;
  active: Generated<boolean>;
  note: string | null;
  created_by: number | null;
  created_at: Date;
}

export interface IvrDistrictCodesTable {
  digits: string;
  place_id: number;
}

export interface IvrSessionsTable {
  call_id: number;
  flow_id: number;
  node: string;
  turn: Generated<number>;
  vars: JsonWithDefault<Record<string, unknown>>;
  attempts: JsonWithDefault<Record<string, number>>;
  updated_at: Date;
  /** The turn a fetch-style provider (Exotel's applets) was last given; its next keys answer it. */
  served_turn: number | null;
}

export interface IvrTurnsTable {
  call_id: number;
  turn: number;
  instruction: JSONColumnType<import('../channels/voice/instructions.ts').Instruction>;
  at: Date;
}

export interface IvrCallbacksTable {
  id: Id;
  call_id: number;
  citizen_id: number | null;
  phone: string;
  language: string | null;
  district_id: number | null;
  queue_id: number | null;
  due_from: Date | null;
  status: Generated<'open' | 'done' | 'failed'>;
  requested_at: Date;
}

export interface IvrPromptRecordingsTable {
  key: string;
  language: string;
  pcm: Uint8Array;
  duration_ms: number;
  uploaded_by: number | null;
  uploaded_at: Date;
}

/** A channel setting set in the admin area (0033); `value` is sealed when `secret`. */
export interface ChannelSettingsTable {
  name: string;
  channel: 'sms' | 'whatsapp' | 'email';
  value: string;
  secret: Generated<boolean>;
  updated_at: Date;
  updated_by: number | null;
}

export interface DB {
  place_levels: PlaceLevelsTable;
  escalation_levels: EscalationLevelsTable;
  places: PlacesTable;
  departments: DepartmentsTable;
  categories: CategoriesTable;
  positions: PositionsTable;
  officers: OfficersTable;
  position_holders: PositionHoldersTable;
  routing_rules: RoutingRulesTable;
  routing_rule_steps: RoutingRuleStepsTable;
  citizens: CitizensTable;
  interactions: InteractionsTable;
  grievances: GrievancesTable;
  grievance_events: GrievanceEventsTable;
  interaction_grievances: InteractionGrievancesTable;
  notifications: NotificationsTable;
  calendars: CalendarsTable;
  calendar_hours: CalendarHoursTable;
  holidays: HolidaysTable;
  category_level_times: CategoryLevelTimesTable;
  sla_policy: SlaPolicyTable;
  users: UsersTable;
  role_grants: RoleGrantsTable;
  sessions: SessionsTable;
  api_keys: ApiKeysTable;
  citizen_otps: CitizenOtpsTable;
  citizen_email_codes: CitizenEmailCodesTable;
  audit_log: AuditLogTable;
  audit_seals: AuditSealsTable;
  audit_seal_horizon: AuditSealHorizonTable;
  schema_migrations: SchemaMigrationsTable;
  knowledge_articles: KnowledgeArticlesTable;
  attachments: AttachmentsTable;
  grievance_open_counts: GrievanceOpenCountsTable;
  grievance_words: GrievanceWordsTable;
  grievance_open_count_deltas: GrievanceOpenCountDeltasTable;
  call_queues: CallQueuesTable;
  calls: CallsTable;
  intake_drafts: IntakeDraftsTable;
  intake_draft_media: IntakeDraftMediaTable;
  // The agent desk.
  desk_agents: DeskAgentsTable;
  desk_agent_events: DeskAgentEventsTable;
  telephony_sources: TelephonySourcesTable;
  desk_settings: DeskSettingsTable;
  outbound_lists: OutboundListsTable;
  outbound_items: OutboundItemsTable;
  outbound_attempts: OutboundAttemptsTable;
  do_not_call: DoNotCallTable;
  desk_registrations: DeskRegistrationsTable;
  quality_reviews: QualityReviewsTable;
  citizen_flags: CitizenFlagsTable;
  quality_checklist: QualityChecklistTable;
  desk_enquiries: DeskEnquiriesTable;
  whatsapp_conversations: WhatsAppConversationsTable;
  whatsapp_media: WhatsAppMediaTable;
  // voice
  ivr_flows: IvrFlowsTable;
  ivr_district_codes: IvrDistrictCodesTable;
  ivr_sessions: IvrSessionsTable;
  ivr_turns: IvrTurnsTable;
  ivr_callbacks: IvrCallbacksTable;
  ivr_prompt_recordings: IvrPromptRecordingsTable;
  // sms (0030-0039)
  notification_parts: NotificationPartsTable;
  message_templates: MessageTemplatesTable;
  channel_settings: ChannelSettingsTable;
  delivery_receipts: DeliveryReceiptsTable;
  sms_inbound_parts: SmsInboundPartsTable;
  // insight (0080)
  insight_settings: InsightSettingsTable;
  insight_report_schedules: InsightReportSchedulesTable;
  insight_reports: InsightReportsTable;
  insight_report_copies: InsightReportCopiesTable;
  insight_boundaries: InsightBoundariesTable;
  insight_daily: InsightDailyTable;
  insight_facts: InsightFactsView;
  insight_resolution_hist: InsightResolutionHistTable;
  insight_dim_daily: InsightDimDailyTable;
  insight_dim_resolution_hist: InsightDimResolutionHistTable;
  insight_place_category_daily: InsightPlaceCategoryDailyTable;
  insight_event_queue: InsightEventQueueTable;
  insight_rating_daily: InsightRatingDailyTable;
  insight_dim_rating_daily: InsightDimRatingDailyTable;
  insight_rating_facts: InsightRatingFactsView;
  insight_rating_queue: InsightEventQueueTable;
  insight_open: InsightOpenTable;
  insight_dim_open: InsightDimOpenTable;
  insight_open_deltas: InsightOpenDeltasTable;
  insight_formulas: InsightFormulasTable;
  // citizens (0090)
  citizen_feedback: CitizenFeedbackView;
}

/** 0090: a citizen's verdict on a resolution, read from the closed/reopened events (no citizen id). */
export interface CitizenFeedbackView {
  event_id: number;
  grievance_id: number;
  at: Date;
  satisfied: boolean;
  /** 1 (very poor) to 5 (very good); null when none was given (older events, WhatsApp buttons). */
  rating: number | null;
  reason: string | null;
  actor_kind: ActorKind;
  position_id: number | null;
  department_id: number;
  category_id: number;
  place_id: number;
}

// WhatsApp (0040_whatsapp.sql) --------------------------------------------------------------------------

export interface WhatsAppConversationsTable {
  phone: string;
  citizen_id: number;
  language: string | null;
  step: Generated<string>;
  answers: JsonWithDefault<Record<string, unknown>>;
  interaction_ids: ColumnType<number[], number[] | undefined, number[]>;
  last_inbound_at: Date | null;
  updated_at: Date;
}

export interface WhatsAppMediaTable {
  id: Id;
  phone: string;
  media_type: AttachmentMediaType;
  size: number;
  sha256: string;
  file_name: string | null;
  content: Uint8Array;
  created_at: Date;
}

// --- sms (0030-0039): delivery, templates, SMS ---
export interface NotificationPartsTable {
  notification_id: number;
  part: number;
  provider: string;
  provider_id: string;
  state: Generated<'sent' | 'delivered' | 'failed'>;
  reason: string | null;
  updated_at: Date;
}

export interface MessageTemplatesTable {
  event: string;
  channel: 'sms' | 'whatsapp' | 'email';
  language: string;
  body: string | null;
  subject: string | null;
  dlt_entity_id: string | null;
  dlt_template_id: string | null;
  sender: string | null;
  updated_at: Date;
  updated_by: number | null;
}

export interface DeliveryReceiptsTable {
  provider: string;
  provider_id: string;
  state: 'delivered' | 'failed';
  reason: string | null;
  at: Date;
}

// Insight (0080_insight_rollups.sql) ----------------------------------------------------------------

export interface InsightSettingsTable {
  id: Generated<number>;
  time_zone: string;
  place_depth: Generated<number>;
  repeat_days: Generated<number>;
  last_hours: Generated<number>;
  /** 0083_insight_public.sql: the public page's small-count threshold, formula and place level. */
  public_min_count: Generated<number>;
  public_formula: Generated<string>;
  public_depth: Generated<number>;
  public_figures: Generated<string[]>;
  public_months: Generated<number>;
  public_title: JsonWithDefault<I18nText>;
  public_intro: JsonWithDefault<I18nText>;
}

/** 0084_insight_report_schedules.sql: reports made and sent by themselves, and the files made. */
export interface InsightReportSchedulesTable {
  id: Generated<number>;
  name: string;
  report: 'figures' | 'grades';
  params: JsonWithDefault<Record<string, unknown>>;
  frequency: 'weekly' | 'monthly';
  day: number;
  hour: Generated<number>;
  format: Generated<'csv' | 'xlsx'>;
  language: Generated<string>;
  position_ids: number[];
  active: Generated<boolean>;
  next_run_at: Date;
  created_by: number | null;
  created_at: Date;
}

export interface InsightReportsTable {
  id: Generated<number>;
  schedule_id: number;
  period_from: ColumnType<string, string, string>;
  period_to: ColumnType<string, string, string>;
  format: string;
  file: Buffer;
  rows: number;
  created_at: Date;
}

/** 0139_insight_report_copies.sql: a chosen position's own copy of a report, attached to its email. */
export interface InsightReportCopiesTable {
  id: Generated<number>;
  report_id: number;
  position_id: number;
  file: Buffer;
  rows: number;
}

/** 0085_insight_boundaries.sql: a place's boundary (a GeoJSON geometry) for the choropleth. */
export interface InsightBoundariesTable {
  place_id: number;
  geometry: JsonWithDefault<Record<string, unknown>>;
  updated_at: Date;
}

/** The dimensions every flow is counted under. */
interface InsightKey {
  day: ColumnType<string, string, string>;
  department_id: number;
  place_id: number;
  position_id: number | null;
  level: number | null;
  category_id: number;
  channel: string;
  repeat: boolean;
}

interface InsightMeasures {
  received: number;
  assigned: number;
  resolved: number;
  resolved_in_time: number;
  resolution_seconds: number;
  resolved_with_proof: number;
  resolved_last_hours: number;
  closed: number;
  closed_satisfied: number;
  closed_no_response: number;
  withdrawn: number;
  rejected: number;
  reopened: number;
  reopened_after_resolution: number;
  escalations: number;
  breaches: number;
  transfers: number;
  wrong_transfers: number;
  disposed_over50: number;
  satisfied_over50: number;
}

export interface InsightDailyTable extends InsightKey, InsightMeasures {}

export interface InsightFactsView extends InsightKey, InsightMeasures {
  event_id: number;
  grievance_id: number;
  at: Date;
  kind: string;
  resolution_bucket: number;
}

export interface InsightResolutionHistTable extends InsightKey {
  bucket: number;
  n: number;
}

/** A narrow rollup row (0086): per day and one dimension, the others null. */
interface InsightDimKey {
  day: ColumnType<string, string, string>;
  dim: 'total' | 'department' | 'place' | 'category' | 'level' | 'channel';
  department_id: number | null;
  place_id: number | null;
  level: number | null;
  category_id: number | null;
  channel: string | null;
  repeat: boolean;
}

export interface InsightDimDailyTable extends InsightDimKey, InsightMeasures {}

export interface InsightDimResolutionHistTable extends InsightDimKey {
  bucket: number;
  n: number;
}

/** Citizens' ratings summed (0115): how many rated, and the ratings' sum. */
interface InsightRatingMeasures {
  rated: number;
  rating_sum: number;
}
export interface InsightRatingDailyTable extends InsightKey, InsightRatingMeasures {}
export interface InsightDimRatingDailyTable extends InsightDimKey, InsightRatingMeasures {}
export interface InsightRatingFactsView extends InsightKey {
  event_id: number;
  rating: number;
}

/** Registrations per day, place, category and the policy's columns, for the wall's hotspots (0133). */
export interface InsightPlaceCategoryDailyTable {
  day: ColumnType<string, string, string>;
  place_id: number;
  category_id: number;
  department_id: number;
  position_id: number | null;
  received: number;
}

export interface InsightEventQueueTable {
  event_id: number;
}

export interface InsightOpenTable {
  created_day: ColumnType<string, string, string>;
  department_id: number;
  place_id: number;
  position_id: number | null;
  level: number | null;
  category_id: number;
  channel: string;
  n: number;
}

/** The pending stock per day received and at most one dimension (0122). */
export interface InsightDimOpenTable {
  created_day: ColumnType<string, string, string>;
  dim: InsightDimKey['dim'];
  department_id: number | null;
  place_id: number | null;
  level: number | null;
  category_id: number | null;
  channel: string | null;
  n: number;
}

export interface InsightOpenDeltasTable extends Omit<InsightOpenTable, 'n'> {
  id: Generated<number>;
  delta: number;
}

export interface InsightFormulasTable {
  code: string;
  /** A grading formula (src/insight/formula.ts). */
  definition: ColumnType<unknown, string, string>;
  updated_at: Generated<Date>;
}

export interface SmsInboundPartsTable {
  sender: string;
  reference: number;
  total: number;
  sequence: number;
  text: string;
  received_at: Date;
}
