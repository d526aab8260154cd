/** Date mentions resolved against a publication date, with chrono-node over one sentence. */
import * as chrono from 'chrono-node';
import { addDays, isIsoDate, toDayNumber } from '../dates.js';
import type { IsoDate } from '../types.js';
import type { DatePrecision, Span } from './types.js';

export interface DateMention {
  readonly span: Span;
  readonly start: IsoDate;
  readonly end: IsoDate;
  readonly precision: DatePrecision;
}

const MONTH_OR_RELATIVE =
  /\b(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\b|\d{4}|\b(next|last|this|coming|previous) (week|month|year)\b/i;
const FUTURE =
  /\b(will|planned|plans?|scheduled|upcoming|forthcoming|expected|set to|to be held|ahead of|due)\b/i;

/**
 * Something a date this module accepts needs: a month name, a weekday, a relative month or year,
 * or a numeric date. Without one, chrono's answer would be dropped anyway.
 */
const DATE_HINT =
  /\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|\b(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|\b(?:next|last|this|coming|previous)\s+(?:month|year)\b|\d{1,4}[-/.]\d{1,2}[-/.]\d{1,4}/i;

const WEEKDAY = /^(?:on\s+)?(monday|tuesday|wednesday|thursday|friday|saturday|sunday)$/i;
const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

/** The named weekday closest to `published`: on or before it, or on or after it for the future. */
function weekdayFrom(published: IsoDate, name: string, future: boolean): IsoDate {
  // Day 0 of toDayNumber is 1970-01-01, a Thursday (index 3 from Monday).
  const today = (((toDayNumber(published) + 3) % 7) + 7) % 7;
  const wanted = WEEKDAYS.indexOf(name.toLowerCase());
  const back = (today - wanted + 7) % 7;
  return future ? addDays(published, (wanted - today + 7) % 7) : addDays(published, -back);
}

function iso(y: number, m: number, d: number): IsoDate {
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

function monthEnd(y: number, m: number): IsoDate {
  const next = m === 12 ? iso(y + 1, 1, 1) : iso(y, m + 1, 1);
  return addDays(next, -1);
}

/** Year for a month (and day) without one: the closest on or before `published`, or after. */
function pickYear(published: IsoDate, m: number, d: number | undefined, future: boolean): number {
  const py = Number(published.slice(0, 4));
  const cmp = (y: number): number => {
    const start = iso(y, m, d ?? 1);
    const end = d === undefined ? monthEnd(y, m) : start;
    if (future) return end >= published ? 0 : -1;
    return start <= published ? 0 : 1;
  };
  if (future) return cmp(py) === 0 ? py : py + 1;
  return cmp(py) === 0 ? py : py - 1;
}

/** Dates that one sentence states; nothing when the text gives no month or relative anchor. */
export function findDates(
  sentence: string,
  offset: number,
  published: IsoDate | undefined,
): DateMention[] {
  // Only what could hold a date this function accepts goes to chrono (most sentences do not).
  if (!DATE_HINT.test(sentence)) return [];
  // Same-length substitution keeps offsets: en and em dashes between days become hyphens.
  const normalised = sentence.replace(/(\d)\s?[–—]\s?(\d)/g, (s) => s.replace(/[–—]/, '-'));
  const ref =
    published !== undefined && isIsoDate(published)
      ? new Date(
          Date.UTC(+published.slice(0, 4), +published.slice(5, 7) - 1, +published.slice(8, 10), 12),
        )
      : new Date(Date.UTC(2000, 0, 1, 12));
  const future = FUTURE.test(sentence);
  const out: DateMention[] = [];
  for (const r of chrono.parse(normalised, ref)) {
    const weekday = WEEKDAY.exec(r.text.trim());
    if (weekday?.[1] !== undefined) {
      // "on Tuesday", "voted Thursday": the closest such day on or before publication (or on or
      // after it when the sentence speaks of the future); nothing without a publication date.
      if (published === undefined || !isIsoDate(published)) continue;
      const day = weekdayFrom(published, weekday[1], future);
      out.push({
        span: [offset + r.index, offset + r.index + r.text.length],
        start: day,
        end: day,
        precision: 'day',
      });
      continue;
    }
    if (!MONTH_OR_RELATIVE.test(r.text)) continue;
    // A week is no precision a date here can carry ("earlier this week"): left out.
    if (/\bweek\b/i.test(r.text)) continue;
    if (/^may$/i.test(r.text.trim()) && !/^May/.test(r.text.trim())) continue;
    if (!r.start.isCertain('month') && !/\b(week|month|year)\b/i.test(r.text)) continue;
    const relative = /\b(next|last|this|coming|previous)\b/i.test(r.text);
    const m = r.start.get('month');
    if (m === null) continue;
    const dayKnown = r.start.isCertain('day');
    const d = dayKnown ? r.start.get('day') : null;
    let y: number;
    const anchored = published !== undefined && isIsoDate(published);
    // A relative date ("next month") needs the publication date, whatever chrono says.
    if (relative && !anchored) continue;
    if (relative || r.start.isCertain('year')) y = r.start.get('year') ?? 0;
    else if (published === undefined || !anchored) continue;
    else y = pickYear(published, m, d ?? undefined, future);
    const precision: DatePrecision = d !== null ? 'day' : 'month';
    const start = iso(y, m, d ?? 1);
    if (!isIsoDate(start)) continue;
    let end = d !== null ? start : monthEnd(y, m);
    if (r.end !== null && r.end !== undefined) {
      const em = r.end.get('month') ?? m;
      const ed = r.end.get('day');
      if (ed !== null) {
        let candidate = iso(y, em, ed);
        if (isIsoDate(candidate) && candidate < start) candidate = iso(y + 1, em, ed);
        if (isIsoDate(candidate) && toDayNumber(candidate) - toDayNumber(start) < 366)
          end = candidate;
      }
    }
    out.push({ span: [offset + r.index, offset + r.index + r.text.length], start, end, precision });
  }
  return out;
}
