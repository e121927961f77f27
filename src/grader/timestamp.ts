/**
 * Submission times and due dates. nbgrader writes a submission's time into `timestamp.txt` with
 * the format "%Y-%m-%d %H:%M:%S.%f %Z" ("2024-03-01 17:04:05.123456 UTC", the zone being the
 * course's, by name) and reads it back with `parse_utc`, which takes a time without a zone as
 * UTC. gradbook reads the same, plus ISO 8601 ("2024-03-01T17:04:05Z", "…+01:00") and numeric
 * offsets ("+0100"); a zone name must be one the platform knows ("Europe/Berlin", "UTC", "EST").
 */

/** A time that could not be read; the message says what was expected. */
export class TimestampError extends Error {
  override readonly name = "TimestampError";
}

const NBGRADER =
  /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?(?: ?(\S+))?$/;
const OFFSET = /^([+-])(\d{2}):?(\d{2})$/;

// Minutes east of UTC that `zone` has at the instant `utcMs`.
function zoneOffsetMinutes(zone: string, utcMs: number): number {
  const parts = new Intl.DateTimeFormat("en-US", {
    timeZone: zone,
    hourCycle: "h23",
    year: "numeric",
    month: "numeric",
    day: "numeric",
    hour: "numeric",
    minute: "numeric",
    second: "numeric",
  }).formatToParts(new Date(utcMs));
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const wall = Date.UTC(
    field("year"),
    field("month") - 1,
    field("day"),
    field("hour"),
    field("minute"),
    field("second"),
  );
  return Math.round((wall - Math.floor(utcMs / 1000) * 1000) / 60_000);
}

// The instant of a wall-clock time `wallMs` (as if UTC) in `zone`, or undefined for an unknown
// zone. Two rounds settle the offset across a daylight-saving change.
function inZone(wallMs: number, zone: string): number | undefined {
  const upper = zone.toUpperCase();
  if (upper === "Z" || upper === "UTC" || upper === "GMT") {
    return wallMs;
  }
  const offset = OFFSET.exec(zone);
  if (offset) {
    const minutes = Number(offset[2]) * 60 + Number(offset[3]);
    return wallMs - (offset[1] === "-" ? -minutes : minutes) * 60_000;
  }
  try {
    let instant = wallMs - zoneOffsetMinutes(zone, wallMs) * 60_000;
    instant = wallMs - zoneOffsetMinutes(zone, instant) * 60_000;
    return instant;
  } catch {
    return undefined;
  }
}

/**
 * The instant `text` names, as milliseconds since the epoch (see the file comment). Without a
 * zone it is UTC, as in nbgrader, unless `requireZone` (then it is an error: a due date must say
 * its zone, or shards graded on machines in different zones would disagree). Throws
 * `TimestampError`.
 */
export function parseTime(text: string, requireZone = false): number {
  const trimmed = text.trim();
  const match = NBGRADER.exec(trimmed);
  if (match === null) {
    throw new TimestampError(
      `"${trimmed.slice(0, 60)}" is not a time: expected ISO 8601 such as ` +
        `2024-03-01T17:00:00Z, or nbgrader's "2024-03-01 17:00:00.000000 UTC"`,
    );
  }
  const [, year, month, day, hour, minute, second, fraction, zone] = match;
  if (zone === undefined && requireZone) {
    throw new TimestampError(`"${trimmed}" has no time zone: add one, such as Z (UTC) or +01:00`);
  }
  const milliseconds = Math.round(Number(`0.${fraction ?? "0"}`) * 1000);
  const wall = Date.UTC(
    Number(year),
    Number(month) - 1,
    Number(day),
    Number(hour),
    Number(minute),
    Number(second ?? "0"),
    milliseconds,
  );
  const check = new Date(wall);
  if (check.getUTCDate() !== Number(day) || check.getUTCHours() !== Number(hour)) {
    throw new TimestampError(`"${trimmed}" is not a valid date and time`);
  }
  const instant = zone === undefined ? wall : inZone(wall, zone);
  if (instant === undefined) {
    throw new TimestampError(
      `"${trimmed}": unknown time zone "${zone}" (use UTC, an offset such as +01:00, or a ` +
        `zone name such as Europe/Berlin)`,
    );
  }
  return instant;
}

/** `ms` since the epoch as ISO 8601 in UTC, to the second when that is exact. */
export function isoTime(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith(".000Z") ? `${iso.slice(0, -5)}Z` : iso;
}
