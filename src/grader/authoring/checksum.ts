/**
 * nbgrader's cell checksum, computed byte for byte as nbgrader 0.9's `compute_checksum`
 * (nbgrader/utils.py) computes it, so that a release made by `gradbook assign` passes nbgrader's
 * metadata schema (`checksum` is 32 characters) and either tool can tell which handed-out cells
 * a student changed in a release made by the other. nbgrader feeds MD5, in this order: the
 * source, the cell type, `str()` of "is a grade cell", "is a solution cell" and "is locked" (a
 * solution cell is never locked, a grade cell always is), the grade_id, and for a grade cell
 * `str(float(points))`, Python's shortest repr of the points as a float ("1.0", "0.5", "1e+16").
 */
import { createHash } from "node:crypto";
import { sourceText, type Cell, type JSONObject, type JSONValue } from "../../notebook";

/** Python's `str(value)` for the JSON values nbgrader's metadata holds. */
function pythonStr(value: JSONValue | undefined): string {
  if (value === true) return "True";
  if (value === false) return "False";
  if (value === null || value === undefined) return "None";
  if (typeof value === "number")
    return Number.isInteger(value) ? String(value) : pythonFloat(value);
  return typeof value === "string" ? value : JSON.stringify(value);
}

function truthy(value: JSONValue | undefined): boolean {
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object" && value !== null) return Object.keys(value).length > 0;
  return Boolean(value);
}

/**
 * Python's `repr(float(x))`: the shortest digits that read back as `x` (JavaScript finds the
 * same ones), positional for exponents -4 to 15 with at least one decimal ("2.0"), otherwise
 * scientific with a signed, at least two-digit exponent ("1e+16", "1.5e-05").
 */
export function pythonFloat(x: number): string {
  if (Number.isNaN(x)) return "nan";
  if (!Number.isFinite(x)) return x > 0 ? "inf" : "-inf";
  const sign = x < 0 || Object.is(x, -0) ? "-" : "";
  const [mantissa, exponentText] = Math.abs(x).toExponential().split("e");
  const exponent = Number(exponentText);
  const digits = mantissa.replace(".", "");
  if (exponent < -4 || exponent >= 16) {
    const shown = digits.length > 1 ? `${digits[0]}.${digits.slice(1)}` : digits;
    const magnitude = String(Math.abs(exponent)).padStart(2, "0");
    return `${sign}${shown}e${exponent < 0 ? "-" : "+"}${magnitude}`;
  }
  if (exponent < 0) {
    return `${sign}0.${"0".repeat(-exponent - 1)}${digits}`;
  }
  const whole = digits.slice(0, exponent + 1).padEnd(exponent + 1, "0");
  const fraction = digits.slice(exponent + 1);
  return `${sign}${whole}.${fraction === "" ? "0" : fraction}`;
}

/** True when nbgrader computes a checksum of this cell (a grade, solution or locked cell). */
export function hasNbgraderChecksum(cell: Cell): boolean {
  const nbgrader = cell.metadata.nbgrader as JSONObject | undefined;
  if (nbgrader === undefined) return false;
  return truthy(nbgrader.grade) || truthy(nbgrader.solution) || truthy(nbgrader.locked);
}

/** nbgrader's checksum of a cell as it is now (32 hexadecimal digits; see the file comment). */
export function nbgraderChecksum(cell: Cell): string {
  const nbgrader = (cell.metadata.nbgrader ?? {}) as JSONObject;
  const grade = nbgrader.grade ?? false;
  const solution = nbgrader.solution ?? false;
  const locked = truthy(solution) ? false : truthy(grade) ? true : (nbgrader.locked ?? false);
  const parts = [
    sourceText(cell.source),
    cell.cell_type,
    pythonStr(grade),
    pythonStr(solution),
    pythonStr(locked),
    String(nbgrader.grade_id ?? ""),
  ];
  if (truthy(grade)) {
    parts.push(pythonFloat(Number(nbgrader.points)));
  }
  const hash = createHash("md5");
  for (const part of parts) hash.update(part, "utf8");
  return hash.digest("hex");
}

/**
 * The checksum releases made before gradbook followed nbgrader (sha256 of the cell type, source
 * and grading metadata, 64 digits). Students may still hold such releases: `gradbook check`
 * keeps recognising them, so a changed test is reported whichever release a student has.
 */
function legacyChecksum(cell: Cell): string {
  const nbgrader = cell.metadata.nbgrader as JSONObject | undefined;
  const fields = [
    cell.cell_type,
    sourceText(cell.source),
    nbgrader?.grade_id ?? null,
    nbgrader?.points ?? null,
    nbgrader?.solution ?? null,
    nbgrader?.grade ?? null,
    nbgrader?.locked ?? null,
  ];
  return createHash("sha256").update(JSON.stringify(fields)).digest("hex");
}

/**
 * Whether a cell differs from what was handed out, judged by the checksum its release recorded:
 * nbgrader's (written by nbgrader's generate_assignment and by `gradbook assign`) or gradbook's
 * earlier sha256. Undefined when no checksum, or one of neither kind, was recorded.
 */
export function changedSinceRelease(cell: Cell): boolean | undefined {
  const nbgrader = cell.metadata.nbgrader as JSONObject | undefined;
  const recorded = nbgrader?.checksum;
  if (typeof recorded !== "string") return undefined;
  if (/^[0-9a-f]{32}$/.test(recorded)) return recorded !== nbgraderChecksum(cell);
  if (/^[0-9a-f]{64}$/.test(recorded)) return recorded !== legacyChecksum(cell);
  return undefined;
}
