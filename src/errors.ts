// One error type with a closed set of codes; routes never invent status codes, `httpStatus` maps them.
// Every code, and every detail code below, has a message in each language of the web app's catalogues
// (src/web/locales/<language>/errors.json; src/web/locales.test.ts checks), so a citizen reads what went
// wrong in their own language and never the server's English sentence, which is for developers and logs.
export const ERROR_CODES = [
  'validation_failed',
  'not_found',
  'illegal_transition',
  'conflict',
  'idempotency_key_reused',
  'payload_too_large',
  'unsupported_media_type',
  'rate_limited',
  'unauthenticated',
  'forbidden',
  'internal',
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];

/**
 * What exactly was wrong, stable across releases: a field's problem (`field` set) or the reason for a
 * refusal. The schema's own checks map to the first group (http/errors.ts); the rest are thrown by the
 * capabilities. Add a code here and its message in every catalogue.
 */
export const DETAIL_CODES = [
  // what the schemas check
  'required',
  'blank',
  'too_short',
  'too_long',
  'format_invalid',
  'date_invalid',
  'not_allowed_value',
  'wrong_type',
  'out_of_range',
  'unknown_field',
  'too_many',
  'too_few',
  'duplicate',
  'invalid',
  'text_invalid',
  'phone_invalid',
  'code_invalid',
  'key_invalid',
  'email_invalid',
  'reference_invalid',
  'cursor_invalid',
  // reference data and configuration
  'does_not_exist',
  'inactive',
  'category_closed',
  'out_of_order',
  'taken',
  'tree_has_root',
  'no_level_at_depth',
  'level_not_configured',
  'position_wrong_level',
  'position_other_department',
  'already_there',
  'coordinates_pair',
  'hours_order',
  'hours_overlap',
  'hours_none',
  'time_zone_unknown',
  'depth_required',
  'levels_in_use',
  'place_outside_area',
  // files
  'form_fields_only',
  'file_missing',
  'file_empty',
  'file_type',
  'file_pdf_anonymous',
  'file_damaged',
  'file_too_large',
  'too_many_files',
  'grievance_files_full',
  'grievance_bytes_full',
  // the phone line's call flows (channels/voice/flow.ts)
  'flow_start_missing',
  'flow_no_language',
  'flow_language_key',
  'flow_agent_key',
  'flow_agent_node',
  'flow_node_id',
  'flow_dangling',
  'flow_unknown_prompt',
  'flow_gather_digits',
  'flow_gather_timeout',
  'flow_gather_shape',
  'flow_gather_key',
  'flow_retries',
  'flow_record_length',
  'flow_unknown_lookup',
  'flow_outcome_missing',
  'flow_outcome_unknown',
  'flow_dial_number',
  'flow_unreachable',
  'flow_dead_end',
  'flow_loop',
  'flow_speech_input',
  'flow_speech_key',
  'flow_speech_phrase',
  'flow_speech_missing',
  'flow_speech_keys_only',
  'form_unreadable',
  'attachment_unknown',
  'attachment_wrong_kind',
  'attachment_taken',
  'attachments_not_allowed',
  'attach_not_open',
  'proof_not_open',
  'attach_not_yours',
  // who may do what
  'phone_not_verified',
  'interaction_not_yours',
  'wrong_password',
  'account_locked',
  'totp_exists',
  'totp_not_set',
  'totp_wrong',
  'totp_locked',
  'totp_used',
  'totp_session_ended',
  'totp_person_only',
  'authenticator_reset_expired',
  'otp_too_many',
  'otp_none',
  'otp_expired',
  'otp_tries',
  'otp_wrong',
  'api_key_invalid',
  'csrf',
  'password_first',
  'sign_in_needed',
  'mfa_needed',
  'role_needed',
  'citizen_only',
  'unpublished',
  'article_not_yours',
  'role_may_not_act',
  'not_in_this_state',
  'chain_top',
  'chain_bottom',
  // the agent desk (src/desk)
  'agent_state_invalid',
  'finish_call_first',
  'call_not_offered',
  'call_not_yours',
  'call_wrapped_up',
  'monthly_cap_reached',
  'item_not_taken',
  'monitoring_unsupported',
  'extension_needed',
  // security review (messages in locales/<language>/security.json)
  'external_id_taken',
  'number_invalid',
  'dangerous_scope_required',
  // the phone line's recorded prompts (src/channels/voice/prompts)
  'prompt_has_parameters',
  'audio_unreadable',
  'audio_too_long',
  // citizens' feedback on a resolution
  'rating_not_allowed',
  'boundary_code_missing',
  'boundary_not_polygon',
  // grading formulas (src/insight/formula.ts)
  'formula_points_total',
  'formula_dimension_missing',
  'formula_dimension_unknown',
  'formula_dimension_empty',
  'formula_key_duplicate',
  'formula_grade_duplicate',
  // channel settings (src/channels/settings)
  'unknown_setting',
  'setting_not_a_number',
  'setting_not_allowed',
  'channel_settings_invalid',
  // the citizen's email address and closure feedback by email (src/channels/email, src/feedback)
  'email_not_available',
  'email_not_verified',
  'email_code_too_many',
  'email_code_none',
  'email_code_expired',
  'email_code_tries',
  'email_code_wrong',
  'feedback_link_invalid',
  'feedback_link_expired',
  'feedback_link_closed',
  // the Open311 endpoint (src/channels/open311)
  'format_unknown',
  'jurisdiction_unknown',
  'api_key_missing',
  'key_scope_outside',
  'location_required',
  'address_unknown',
  'media_url_invalid',
  'date_range_too_long',
] as const;
export type DetailCode = (typeof DETAIL_CODES)[number];

const statusByCode: Record<ErrorCode, number> = {
  validation_failed: 400,
  not_found: 404,
  illegal_transition: 409,
  conflict: 409,
  idempotency_key_reused: 422,
  payload_too_large: 413,
  unsupported_media_type: 415,
  rate_limited: 429,
  unauthenticated: 401,
  forbidden: 403,
  internal: 500,
};

export interface ErrorDetail {
  field?: string;
  message: string;
  /** A stable code for the problem with this field (the web app's catalogues say it in each language). */
  code?: string;
}

export class AppError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: ErrorDetail[] = [],
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export function httpStatus(code: ErrorCode): number {
  return statusByCode[code];
}

export const notFound = (what: string, id: string | number) =>
  new AppError('not_found', `${what} ${id} does not exist`);

/** A field's problem: `message` for developers, `code` for the citizen's catalogue. */
export const invalid = (field: string, message: string, code: DetailCode = 'invalid') =>
  new AppError('validation_failed', `${field}: ${message}`, [{ field, message, code }]);

/** A refusal with a stable reason (no field): `new AppError(code, message, [{ message, code: reason }])`. */
export const refusal = (code: ErrorCode, reason: DetailCode, message: string) =>
  new AppError(code, message, [{ message, code: reason }]);
