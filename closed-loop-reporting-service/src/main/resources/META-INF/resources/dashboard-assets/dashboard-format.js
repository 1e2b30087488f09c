/*
 * How the dashboard writes what the reports answer: no DOM, no fetch, so that a plain test runs it
 * (DashboardFormatTest). Units, directions and labels come from the server (the SLA evaluation's
 * rows); this file only turns them into text. Dates are calendar days (Date objects at UTC midnight,
 * whatever the zone); instants are shown in the zone the service reports in (leadpact.reporting.zone).
 */
'use strict';

window.LeadPactFormat = (function () {
  const DAY = 86400000;

  // ---- calendar days ----
  function parseDate(text) {
    const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text || '');
    return m ? new Date(Date.UTC(+m[1], +m[2] - 1, +m[3])) : null;
  }
  function iso(date) {
    return date.toISOString().slice(0, 10);
  }
  function fields(date, zone, withTime) {
    const options = { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' };
    if (withTime) {
      Object.assign(options, { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
    }
    const parts = {};
    for (const part of new Intl.DateTimeFormat('en-GB', options).formatToParts(date)) {
      parts[part.type] = part.value;
    }
    return parts;
  }
  /** The zone if this browser knows it (every IANA zone), else UTC. */
  function zoneOrUtc(zone) {
    try {
      new Intl.DateTimeFormat('en-GB', { timeZone: zone });
      return zone;
    } catch (unknown) {
      return 'UTC';
    }
  }
  /** Today's date in the zone, as a calendar day. */
  function today(zone, now) {
    const p = fields(now || new Date(), zone, false);
    return parseDate(p.year + '-' + p.month + '-' + p.day);
  }
  function periodStart(period, date) {
    if (period === 'month') {
      return new Date(Date.UTC(date.getUTCFullYear(), date.getUTCMonth(), 1));
    }
    return new Date(date.getTime() - ((date.getUTCDay() + 6) % 7) * DAY);
  }
  function periodEnd(period, start) {
    if (period === 'month') {
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 0));
    }
    return new Date(start.getTime() + 6 * DAY);
  }
  function shift(period, start, n) {
    if (period === 'month') {
      return new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + n, 1));
    }
    return new Date(start.getTime() + 7 * n * DAY);
  }

  /** An ISO-8601 instant of the API as "2026-11-10 16:00 Europe/Berlin": to the minute, in the zone. */
  function instant(text, zone) {
    if (!text) {
      return '';
    }
    // the API writes up to nanoseconds; a Date takes milliseconds
    const p = fields(new Date(text.replace(/(\.\d{3})\d+/, '$1')), zone, true);
    return p.year + '-' + p.month + '-' + p.day + ' ' + p.hour + ':' + p.minute + ' ' + zone;
  }

  // ---- numbers: exact, so the page and the API never disagree ----
  function duration(seconds) {
    const parts = [];
    let rest = seconds;
    for (const [unit, name] of [[86400, 'd'], [3600, 'h'], [60, 'min'], [1, 's']]) {
      if (rest >= unit) {
        parts.push(Math.floor(rest / unit) + ' ' + name);
        rest %= unit;
      }
    }
    return parts.length ? parts.join(' ') : '0 s';
  }
  function amount(value) {
    return Number(value).toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });
  }
  function percent(share) {
    return (share * 100).toFixed(2) + ' %';
  }
  /** A value in the unit the evaluation gives it: count, ratio, seconds or amount. */
  function value(unit, v, currency) {
    if (v === null || v === undefined) {
      return '–';
    }
    switch (unit) {
      case 'seconds':
        return duration(v);
      case 'ratio':
        return percent(v);
      case 'amount':
        return amount(v) + (currency ? ' ' + currency : '');
      default:
        return String(v);
    }
  }
  // ---- the what-if panel's deadlines: a whole number of one unit, sent as ISO-8601 ----
  const DEADLINE_UNITS = [86400, 3600, 60, 1];
  /** The largest unit (seconds in it: a day, an hour, a minute, a second) that a deadline is a whole number of. */
  function deadlineUnit(seconds) {
    return DEADLINE_UNITS.find((unit) => seconds % unit === 0);
  }
  /** A deadline of {@code amount} units as an ISO-8601 duration: P2D, PT4H, PT90M, PT45S. */
  function isoDeadline(amount, unit) {
    switch (unit) {
      case 86400:
        return 'P' + amount + 'D';
      case 3600:
        return 'PT' + amount + 'H';
      case 60:
        return 'PT' + amount + 'M';
      default:
        return 'PT' + amount + 'S';
    }
  }

  /** The sign before a target: which values keep the commitment. */
  function comparator(direction) {
    return direction === 'at-most' ? '≤ ' : direction === 'at-least' ? '≥ ' : '';
  }

  return {
    parseDate, iso, zoneOrUtc, today, periodStart, periodEnd, shift, instant,
    duration, amount, percent, value, comparator, deadlineUnit, isoDeadline
  };
})();
