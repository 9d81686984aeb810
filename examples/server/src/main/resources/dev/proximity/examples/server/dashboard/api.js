// The REST client: JSON over fetch with a Bearer token, timeouts, readable errors, and a
// Server-Sent Events reader over fetch (EventSource cannot send an Authorization header).

const TOKEN_KEY = 'proximity.token';
const DEFAULT_TIMEOUT_MS = 30000;

/** An error from the API or the network, with a message meant for people. */
export class ApiError extends Error {
  constructor(status, code, message, details = {}) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details || {};
  }
}

let token = sessionStorage.getItem(TOKEN_KEY);
let onUnauthorized = () => {};

export function hasToken() {
  return Boolean(token);
}

export function setToken(value) {
  token = value || null;
  if (token) {
    sessionStorage.setItem(TOKEN_KEY, token);
  } else {
    sessionStorage.removeItem(TOKEN_KEY);
  }
}

/** Called when the server answers 401 to a signed-in request (expired or revoked token). */
export function setUnauthorizedHandler(handler) {
  onUnauthorized = handler;
}

function withTimeout(timeoutMs, outer) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(new DOMException('timeout', 'TimeoutError')), timeoutMs);
  if (outer) {
    if (outer.aborted) controller.abort(outer.reason);
    else outer.addEventListener('abort', () => controller.abort(outer.reason), { once: true });
  }
  return { signal: controller.signal, done: () => clearTimeout(timer) };
}

function networkError(error, timeoutMs) {
  if (error && error.name === 'TimeoutError') {
    return new ApiError(0, 'timeout', `The server did not answer within ${Math.round(timeoutMs / 1000)} s. ` +
      'The operation may still complete; refresh to check before retrying.');
  }
  if (error && error.name === 'AbortError') {
    return new ApiError(0, 'aborted', 'The request was cancelled.');
  }
  return new ApiError(0, 'network', 'Cannot reach the Proximity server. Check that it is running and try again.');
}

async function errorFrom(response) {
  let body = null;
  try {
    body = await response.json();
  } catch (e) {
    // not JSON: fall through to a generic message
  }
  const error = body && body.error;
  if (error && error.message) {
    return new ApiError(response.status, error.code || 'error', error.message, error.details);
  }
  return new ApiError(response.status, 'http_' + response.status,
    `The server answered ${response.status} ${response.statusText || ''}`.trim() + '.');
}

/**
 * Calls the API.
 * @param {string} method HTTP method
 * @param {string} path path under /api/v1, such as "/apps"
 * @param {object} [body] JSON body
 * @param {{timeoutMs?: number, signal?: AbortSignal}} [options]
 * @returns {Promise<any>} the decoded JSON, or null for an empty answer
 */
export async function api(method, path, body, options = {}) {
  const timeoutMs = options.timeoutMs || DEFAULT_TIMEOUT_MS;
  const headers = { Accept: 'application/json' };
  if (token) headers.Authorization = 'Bearer ' + token;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const t = withTimeout(timeoutMs, options.signal);
  let response;
  try {
    response = await fetch('/api/v1' + path, {
      method,
      headers,
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: t.signal,
      credentials: 'omit',
      cache: 'no-store',
    });
    if (!response.ok) {
      const error = await errorFrom(response);
      if (response.status === 401 && token && !path.startsWith('/auth/login')) onUnauthorized(error);
      throw error;
    }
    if (response.status === 204) return null;
    const text = await response.text();
    return text ? JSON.parse(text) : null;
  } catch (e) {
    if (e instanceof ApiError) throw e;
    if (e instanceof SyntaxError) throw new ApiError(response ? response.status : 0, 'bad_response', 'The server sent an answer that is not JSON.');
    throw networkError(t.signal.reason || e, timeoutMs);
  } finally {
    t.done();
  }
}

/** Encodes one path segment. */
export function seg(value) {
  return encodeURIComponent(value);
}

/**
 * Follows a Server-Sent Events stream with fetch (so that the token goes in a header), reconnecting
 * with Last-Event-ID when the connection drops and treating 40 s without a byte (the server sends a
 * keep-alive every 15 s) as a dead connection.
 *
 * @param {string} path path under /api/v1
 * @param {(event: {id: string, event: string, data: any}) => boolean|void} onEvent return true to stop
 * @param {{signal?: AbortSignal, onState?: (state: string) => void}} [options]
 * @returns {Promise<void>} resolves when onEvent asked to stop or the signal aborted
 */
export async function followEvents(path, onEvent, options = {}) {
  let lastId = null;
  let failures = 0;
  const onState = options.onState || (() => {});
  while (!(options.signal && options.signal.aborted)) {
    const controller = new AbortController();
    const abortOuter = () => controller.abort();
    if (options.signal) options.signal.addEventListener('abort', abortOuter, { once: true });
    let idle = null;
    const armIdle = () => {
      clearTimeout(idle);
      idle = setTimeout(() => controller.abort(new DOMException('idle', 'TimeoutError')), 40000);
    };
    try {
      armIdle();
      const headers = { Accept: 'text/event-stream' };
      if (token) headers.Authorization = 'Bearer ' + token;
      if (lastId !== null) headers['Last-Event-ID'] = lastId;
      const response = await fetch('/api/v1' + path, { headers, signal: controller.signal, cache: 'no-store' });
      if (!response.ok) {
        const error = await errorFrom(response);
        if (response.status === 401) onUnauthorized(error);
        throw error;
      }
      onState('connected');
      failures = 0;
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = '';
      for (;;) {
        const { value, done } = await reader.read();
        if (done) break;
        armIdle();
        buffer += value.replace(/\r\n?/g, '\n');
        let end;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          const block = buffer.slice(0, end);
          buffer = buffer.slice(end + 2);
          const event = { id: null, event: 'message', data: '' };
          const data = [];
          for (const line of block.split('\n')) {
            if (!line || line.startsWith(':')) continue;
            const colon = line.indexOf(':');
            const field = colon < 0 ? line : line.slice(0, colon);
            const val = colon < 0 ? '' : line.slice(colon + 1).replace(/^ /, '');
            if (field === 'id') event.id = val;
            else if (field === 'event') event.event = val;
            else if (field === 'data') data.push(val);
          }
          if (!data.length) continue;
          if (event.id !== null) lastId = event.id;
          try {
            event.data = JSON.parse(data.join('\n'));
          } catch (e) {
            event.data = data.join('\n');
          }
          if (onEvent(event) === true) {
            controller.abort();
            return;
          }
        }
      }
    } catch (e) {
      if (options.signal && options.signal.aborted) return;
      if (e instanceof ApiError && e.status >= 400 && e.status < 500) throw e;
      failures++;
      if (failures > 5) {
        throw e instanceof ApiError ? e : new ApiError(0, 'stream', 'Lost the connection to the progress stream.');
      }
    } finally {
      clearTimeout(idle);
      if (options.signal) options.signal.removeEventListener('abort', abortOuter);
    }
    onState('reconnecting');
    await new Promise((resolve) => setTimeout(resolve, Math.min(8000, 500 * 2 ** failures)));
  }
}
