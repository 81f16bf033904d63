// The node's public JSON API. Every call is same-origin (the CSP allows nothing else).

export class ApiError extends Error {
  constructor(status, title, detail) {
    super(detail || title || 'HTTP ' + status);
    this.status = status;
    this.title = title;
  }
}

/** GET path?params -> parsed JSON; empty parameters are left out of the URL, a list repeats its name. */
export async function getJson(path, params, signal) {
  const url = new URL(path, location.origin);
  if (params) {
    for (const [name, value] of Object.entries(params)) {
      if (Array.isArray(value)) value.forEach(each => url.searchParams.append(name, each));
      else if (value !== null && value !== undefined && value !== '') url.searchParams.set(name, value);
    }
  }
  const response = await fetch(url, {headers: {Accept: 'application/json'}, signal});
  if (!response.ok) {
    let problem = {};
    try {
      problem = await response.json();
    } catch (e) {
      // Not problem+json: keep the status alone.
    }
    throw new ApiError(response.status, problem.title, problem.detail);
  }
  return response.json();
}

/** The URL of an export with the same filters as the search. */
export function exportUrl(path, filters) {
  const url = new URL(path, location.origin);
  for (const [name, value] of Object.entries(filters)) {
    if (value) url.searchParams.set(name, value);
  }
  return url.pathname + url.search;
}

export function itemsOf(response) {
  return Array.isArray(response) ? response : (response && response.items) || [];
}
