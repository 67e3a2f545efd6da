// Small DOM helpers shared by the browser scripts.

/**
 * Form or URL values as the site's parsers take them: every name with all its values, empty ones dropped.
 * @example formValues(new URLSearchParams('family=qwen&q=')) // { family: ['qwen'] }
 */
export function formValues(data: URLSearchParams | FormData): Record<string, string[]> {
  const values: Record<string, string[]> = {};
  for (const [name, value] of data.entries()) {
    if (typeof value !== 'string' || value.trim() === '') continue;
    (values[name] ??= []).push(value);
  }
  return values;
}
