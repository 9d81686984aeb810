// Client-side validation mirroring the server's (AppAccess.APP_NAME and the catalog's parameter
// rules), so that mistakes show next to the field; the server checks everything again.

/** RFC 1123 label, lower case, starting with a letter: the server's app-name rule. */
export const APP_NAME = /^[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/;

export function hostnameProblem(value) {
  if (!value) return 'Enter a name for the app.';
  if (value.length > 63) return 'At most 63 characters.';
  if (!APP_NAME.test(value)) {
    return 'Use lower-case letters, digits and "-", starting with a letter and not ending with "-".';
  }
  return null;
}

/** Checks one catalog parameter value; empty values are allowed for optional or generated ones. */
export function parameterProblem(param, value) {
  const empty = value === undefined || value === null || value === '';
  if (empty) {
    return param.required && !param.generated && !param.default_value ? 'This parameter is required.' : null;
  }
  if (param.type === 'boolean' && value !== 'true' && value !== 'false') return 'Must be true or false.';
  if (param.type === 'url') {
    try {
      const url = new URL(value);
      if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'Must be an http:// or https:// URL.';
    } catch (e) {
      return 'Must be a URL such as https://example.org.';
    }
  }
  if (param.pattern) {
    let re = null;
    try {
      re = new RegExp(`^(?:${param.pattern})$`, 'u');
    } catch (e) {
      re = null; // a Java-only construct: leave the check to the server
    }
    if (re && !re.test(value)) return `Does not match the required format (${param.pattern}).`;
  }
  return null;
}

export function integerProblem(value, min, max, label) {
  if (value === '' || value === null || value === undefined) return null;
  const n = Number(value);
  if (!Number.isInteger(n)) return `${label} must be a whole number.`;
  if (min !== undefined && n < min) return `${label} must be at least ${min}.`;
  if (max !== undefined && n > max) return `${label} must be at most ${max}.`;
  return null;
}
