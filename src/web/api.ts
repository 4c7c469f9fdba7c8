// The one way the web app talks to the server: JSON in and out, the CSRF token on every change, and
// errors kept as the server's stable codes, which ErrorMessage says in the reader's language (the
// server's English sentence is for developers and never reaches the screen).
let csrfToken: string | null = null;

/** Dispatched on `window` when the server answers 401: whoever was signed in may no longer be. */
export const SESSION_ENDED = 'civicline:session-ended';

export interface Problem {
  field?: string;
  code?: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: Problem[] = [],
  ) {
    super(message);
  }
}

export async function api<T>(method: string, url: string, body?: unknown): Promise<T> {
  return send<T>(
    method,
    url,
    body === undefined ? undefined : JSON.stringify(body),
    body === undefined ? {} : { 'content-type': 'application/json' },
  );
}

/** Sends files as multipart/form-data (the browser writes the boundary), one `file` field each. */
export function upload<T>(url: string, files: { blob: Blob; name: string }[]): Promise<T> {
  const form = new FormData();
  for (const file of files) form.append('file', file.blob, file.name);
  return send<T>('POST', url, form, {});
}

/** Sends one file as the request body, typed as the file is (an audio recording). */
export function putFile<T>(url: string, file: Blob): Promise<T> {
  return send<T>('PUT', url, file, { 'content-type': file.type || 'application/octet-stream' });
}

async function send<T>(
  method: string,
  url: string,
  body: BodyInit | undefined,
  headers: Record<string, string>,
): Promise<T> {
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      credentials: 'same-origin',
      headers: { ...headers, ...(csrfToken && method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}) },
      body,
    });
  } catch {
    throw new ApiError(0, 'network', '');
  }
  const text = await res.text();
  const data = text ? JSON.parse(text) : null;
  // The session ended under the page (expired, or signed out in another tab): the shell asks again who
  // this is, so a staff page turns into the sign-in form instead of failing action after action.
  if (res.status === 401) window.dispatchEvent(new Event(SESSION_ENDED));
  if (!res.ok)
    throw new ApiError(
      res.status,
      data?.code ?? 'internal',
      data?.message ?? '',
      Array.isArray(data?.details) ? data.details : [],
    );
  if (data && typeof data === 'object' && 'csrfToken' in data) csrfToken = data.csrfToken;
  return data as T;
}

export type I18nText = Record<string, string>;

export interface Me {
  kind: 'public' | 'citizen' | 'staff' | 'api';
  csrfToken: string | null;
  phone?: string;
  name?: string;
  roles?: string[];
  /** Staff signed in with a password who still owe the authenticator code. */
  mfa?: 'none' | 'required';
}

export interface Grievance {
  reference: string;
  status: string;
  subject: string;
  description: string;
  createdAt: string;
  dueAt: string | null;
  slaPausedAt?: string | null;
  resolvedAt?: string | null;
  category: { id: number; name: I18nText };
  place: { id: number; name: I18nText };
  department?: { id: number; name: I18nText };
  /** The office (position) that holds it; null while it waits to be routed. */
  position?: { id: number; title: I18nText } | null;
  /** What the reader may do to it now (the server decides: its status, their role, its chain). */
  actions?: string[];
}

export interface HistoryEvent {
  id: number;
  at: string;
  kind: string;
  note: string | null;
}

export interface Attachment {
  id: number;
  kind: 'evidence' | 'proof';
  mediaType: string;
  size: number;
  fileName: string | null;
  /** The kind of sender only (citizen, officer, agent...); never a citizen's id. */
  uploadedBy: { kind: string };
  /** The event it was given with: the resolve, for the officer's proof. */
  eventId: number | null;
  createdAt: string;
  removed: boolean;
  url: string;
}

export const pick = (text: I18nText | undefined, language: string) =>
  text ? (text[language] ?? text.en ?? Object.values(text)[0] ?? '') : '';
