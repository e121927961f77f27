/**
 * CSV as spreadsheets read it (RFC 4180): fields quoted when they hold a comma, a quote or a line
 * break, and text fields that a spreadsheet would run as a formula — anything starting with `=`,
 * `+`, `-`, `@`, a tab or a carriage return, numbers included, since a name such as `-1+1` is one
 * — prefixed with `'`. Numbers that gradbook writes itself go through `csvNumber`, unguarded.
 */

const FORMULA_START = /^[=+\-@\t\r]/;

/** A text field, defused and quoted as needed. */
export function csvText(value: string): string {
  const safe = FORMULA_START.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** A text field as the instructor may have typed it back: without the `'` of `csvText`. */
export function undefuse(value: string): string {
  return value.startsWith("'") && FORMULA_START.test(value.slice(1)) ? value.slice(1) : value;
}

/** Lines of fields joined as CSV, ending in a newline. */
export function csvLines(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.join(",")).join("\n") + "\n";
}

/**
 * Parse CSV text into rows of fields (RFC 4180: quoted fields may hold commas, quotes written
 * twice, and line breaks; a byte-order mark and blank lines are ignored).
 */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  const source = text.replace(/^\uFEFF/, "");
  const endRow = () => {
    row.push(field);
    if (row.length > 1 || row[0] !== "") {
      rows.push(row);
    }
    row = [];
    field = "";
  };
  for (let i = 0; i < source.length; i++) {
    const char = source[i];
    if (quoted) {
      if (char === '"' && source[i + 1] === '"') {
        field += '"';
        i += 1;
      } else if (char === '"') {
        quoted = false;
      } else {
        field += char;
      }
    } else if (char === '"') {
      quoted = true;
    } else if (char === ",") {
      row.push(field);
      field = "";
    } else if (char === "\n" || char === "\r") {
      if (char === "\r" && source[i + 1] === "\n") {
        i += 1;
      }
      endRow();
    } else {
      field += char;
    }
  }
  if (field !== "" || row.length > 0) {
    endRow();
  }
  return rows;
}
