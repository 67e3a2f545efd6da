// CSV (RFC 4180) with spreadsheet formula injection neutralised.

/**
 * Quotes a field when needed; text a spreadsheet would run as a formula gets a leading apostrophe.
 * @example csvField('=1+1') // "'=1+1"
 */
export function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * A CSV document with a header row and CRLF line ends.
 * @example toCsv(['id', 'name'], [['a', 'x, y']]) // 'id,name\r\na,"x, y"\r\n'
 */
export function toCsv(header: readonly string[], rows: readonly (readonly string[])[]): string {
  return [header, ...rows].map((r) => r.map(csvField).join(',')).join('\r\n') + '\r\n';
}
