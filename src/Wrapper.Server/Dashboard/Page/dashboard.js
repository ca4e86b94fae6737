"use strict";
// The admin's view of the usage ledger. Plain script, no framework: the data comes from the admin
// API (/v1/usage, /admin/keys, /metrics) with the key kept in this tab's session storage only.
(() => {
  const STORAGE_KEY = "wrapper.adminKey";
  const REFRESH_MS = 10000;
  const PERIODS = {
    hour: { seconds: 3600, bucket: "minute", step: 60 },
    day: { seconds: 86400, bucket: "hour", step: 3600 },
    week: { seconds: 604800, bucket: "hour", step: 3600 },
  };
  const $ = (id) => document.getElementById(id);
  const count = new Intl.NumberFormat("en", { notation: "compact", maximumFractionDigits: 1 });
  const whole = new Intl.NumberFormat("en");
  let timer = null;
  let lastSeries = null;

  class AuthError extends Error {}

  function key() { return sessionStorage.getItem(STORAGE_KEY); }

  async function api(path) {
    const response = await fetch(path, { headers: { Authorization: `Bearer ${key() || ""}` }, cache: "no-store" });
    if (response.status === 401 || response.status === 403) throw new AuthError(await errorText(response));
    if (!response.ok) throw new Error(`${path}: ${await errorText(response)}`);
    return (response.headers.get("content-type") || "").includes("json") ? response.json() : response.text();
  }

  async function errorText(response) {
    try {
      const body = await response.json();
      return (body.error && body.error.message) || `HTTP ${response.status}`;
    } catch {
      return `HTTP ${response.status}`;
    }
  }

  // --- formatting -----------------------------------------------------------------------------
  // Cards and axes: compact above 10,000 (12.3K); tables: every digit, to compare with an invoice.
  const num = (n) => (n == null ? "–" : Math.abs(n) >= 10000 ? count.format(n) : whole.format(n));
  const exact = (n) => (n == null ? "–" : whole.format(n));
  const ms = (n) => (n == null ? "–" : n >= 1000 ? `${(n / 1000).toFixed(n >= 10000 ? 0 : 1)} s` : `${Math.round(n)} ms`);
  const pct = (n) => (n == null ? "–" : `${Math.round(n * 100)} %`);
  const timeOf = (seconds) => new Date(seconds * 1000).toISOString().slice(11, 16) + " UTC";

  function cell(text, header) {
    const element = document.createElement(header ? "th" : "td");
    element.textContent = text;
    return element;
  }

  function table(id, head, rows) {
    const element = $(id);
    element.replaceChildren();
    const headRow = element.createTHead().insertRow();
    head.forEach((h) => headRow.appendChild(cell(h, true)));
    const body = element.createTBody();
    if (rows.length === 0) {
      const td = cell("No requests in this period");
      td.colSpan = head.length;
      td.className = "empty";
      body.insertRow().appendChild(td);
      return;
    }
    rows.forEach((r) => {
      const row = body.insertRow();
      r.forEach((value) => row.appendChild(cell(value)));
    });
  }

  const USAGE_HEAD = ["Requests", "Prompt tok", "Completion tok", "Cached tok", "Errors", "Latency p50", "p95", "First token p50", "p95"];
  const usageRow = (label, b) => [label, exact(b.requests), exact(b.prompt_tokens), exact(b.completion_tokens), exact(b.cached_tokens), exact(b.errors),
    ms(b.p50_duration_ms), ms(b.p95_duration_ms), ms(b.p50_time_to_first_token_ms), ms(b.p95_time_to_first_token_ms)];

  function usageTable(id, title, groupBy, list) {
    const rows = [...list.data].sort((a, b) => b.requests - a.requests).map((b) => usageRow(b[groupBy] ?? "(none)", b));
    table(id, [title, ...USAGE_HEAD], rows);
  }

  // --- the totals -----------------------------------------------------------------------------
  function totals(total, metrics) {
    const t = total.data[0] || {};
    $("t-requests").textContent = num(t.requests || 0);
    $("t-errors").textContent = `${num(t.errors || 0)} errors${t.requests ? ` (${pct((t.errors || 0) / t.requests)})` : ""}`;
    $("t-tokens").textContent = num(t.total_tokens || 0);
    $("t-token-split").textContent = `${num(t.prompt_tokens || 0)} prompt · ${num(t.completion_tokens || 0)} completion · ${num(t.cached_tokens || 0)} cached`;
    $("t-latency").textContent = `${ms(t.p50_duration_ms)} / ${ms(t.p95_duration_ms)}`;
    $("t-ttft").textContent = `first token ${ms(t.p50_time_to_first_token_ms)} / ${ms(t.p95_time_to_first_token_ms)}`;
    $("t-warm").textContent = pct(t.warm_share);
    $("t-reused").textContent = `reused or continued ${pct(t.reused_share)}`;
    $("t-running").textContent = num(metrics.running);
    $("t-queued").textContent = `${num(metrics.queued)} waiting · ${num(metrics.warm)} warm processes`;
  }

  // Sums the samples of one Prometheus metric whose labels contain every given pair.
  function metric(text, name, labels) {
    let sum = null;
    for (const line of text.split("\n")) {
      if (!line.startsWith(name)) continue;
      const match = /^([a-zA-Z_:][\w:]*)(\{[^}]*\})?\s+(\S+)/.exec(line);
      if (!match || match[1] !== name) continue;
      const set = match[2] || "";
      if (!Object.entries(labels).every(([k, v]) => set.includes(`${k}="${v}"`))) continue;
      sum = (sum || 0) + Number(match[3]);
    }
    return sum;
  }

  function parseMetrics(text) {
    return {
      running: metric(text, "wrapper_cli_processes", { state: "running" }) ?? 0,
      warm: metric(text, "wrapper_cli_processes", { state: "warm" }) ?? 0,
      queued: metric(text, "wrapper_queue_length", {}) ?? 0,
    };
  }

  // --- the chart ------------------------------------------------------------------------------
  function series(list, from, to, period) {
    const { bucket, step } = PERIODS[period];
    const byStart = new Map(list.data.map((b) => [Math.floor(Date.parse(b[bucket]) / 1000), b]));
    const points = [];
    for (let start = Math.floor(from / step) * step; start < to; start += step) {
      const b = byStart.get(start) || {};
      points.push({ start, requests: b.requests || 0, errors: b.errors || 0, tokens: b.total_tokens || 0 });
    }
    return points;
  }

  function drawChart(points) {
    lastSeries = points;
    const canvas = $("chart");
    const ratio = window.devicePixelRatio || 1;
    const width = canvas.clientWidth;
    const height = canvas.clientHeight || 220;
    canvas.width = Math.round(width * ratio);
    canvas.height = Math.round(height * ratio);
    const g = canvas.getContext("2d");
    g.setTransform(ratio, 0, 0, ratio, 0, 0);
    g.clearRect(0, 0, width, height);
    const css = getComputedStyle(document.documentElement);
    const pad = { left: 44, right: 68, top: 12, bottom: 26 };
    const plotW = Math.max(1, width - pad.left - pad.right);
    const plotH = Math.max(1, height - pad.top - pad.bottom);
    const maxRequests = Math.max(1, ...points.map((p) => p.requests));
    const maxTokens = Math.max(1, ...points.map((p) => p.tokens));
    const slot = plotW / Math.max(1, points.length);

    g.font = "11px system-ui, sans-serif";
    g.fillStyle = css.getPropertyValue("--muted");
    g.strokeStyle = css.getPropertyValue("--line");
    g.beginPath();
    g.moveTo(pad.left, pad.top + plotH + 0.5);
    g.lineTo(pad.left + plotW, pad.top + plotH + 0.5);
    g.stroke();
    g.textAlign = "right";
    g.fillText(`${num(maxRequests)} req`, pad.left - 4, pad.top + 10);
    g.fillText("0", pad.left - 4, pad.top + plotH);
    g.textAlign = "left";
    g.fillText(`${num(maxTokens)} tok`, pad.left + plotW + 4, pad.top + 10);

    points.forEach((p, i) => {
      const x = pad.left + i * slot + slot * 0.15;
      const w = Math.max(1, slot * 0.7);
      const h = (p.requests / maxRequests) * plotH;
      const e = (p.errors / maxRequests) * plotH;
      g.fillStyle = css.getPropertyValue("--requests");
      g.fillRect(x, pad.top + plotH - h, w, h - e);
      g.fillStyle = css.getPropertyValue("--errors");
      g.fillRect(x, pad.top + plotH - e, w, e);
    });

    g.strokeStyle = css.getPropertyValue("--tokens");
    g.lineWidth = 2;
    g.beginPath();
    points.forEach((p, i) => {
      const x = pad.left + i * slot + slot / 2;
      const y = pad.top + plotH - (p.tokens / maxTokens) * plotH;
      if (i === 0) g.moveTo(x, y); else g.lineTo(x, y);
    });
    g.stroke();

    g.fillStyle = css.getPropertyValue("--muted");
    g.textAlign = "center";
    // Times of day for an hour or a day; dates (MM-DD) for a week.
    const multiDay = points.length > 1 && points[points.length - 1].start - points[0].start > 1.5 * 86400;
    const labels = Math.min(6, points.length);
    for (let k = 0; k < labels; k++) {
      const i = Math.round((k * (points.length - 1)) / Math.max(1, labels - 1));
      const iso = new Date(points[i].start * 1000).toISOString();
      g.fillText(multiDay ? iso.slice(5, 10) : iso.slice(11, 16), pad.left + i * slot + slot / 2, height - 8);
    }
  }

  // --- keys -----------------------------------------------------------------------------------
  function keysTable(list) {
    const rows = list.data.map((k) => [k.name, exact(k.tokens_today), k.tokens_per_day == null ? "unlimited" : exact(k.tokens_per_day),
      k.tokens_left == null ? "–" : exact(k.tokens_left), k.requests_per_minute == null ? "unlimited" : `${exact(k.requests_per_minute)}/min`,
      k.models && k.models.length ? k.models.join(", ") : "all", timeOf(k.resets_at)]);
    table("keys", ["Key", "Tokens today", "Budget", "Left", "Rate limit", "Models", "Resets"], rows);
  }

  // --- flow -----------------------------------------------------------------------------------
  async function refresh() {
    const period = $("period").value;
    const to = Math.floor(Date.now() / 1000);
    const from = to - PERIODS[period].seconds;
    const usage = (groupBy) => api(`/v1/usage?from=${from}&to=${to + 1}&group_by=${groupBy}`);
    try {
      const [byKey, byModel, byProvider, total, overTime, keys, metricsText] = await Promise.all([
        usage("key"), usage("model"), usage("provider"), usage("total"), usage(PERIODS[period].bucket), api("/admin/keys"),
        api("/metrics").catch(() => ""),
      ]);
      usageTable("by-key", "Key", "key", byKey);
      usageTable("by-model", "Model", "model", byModel);
      usageTable("by-provider", "Provider", "provider", byProvider);
      totals(total, parseMetrics(metricsText));
      drawChart(series(overTime, from, to, period));
      keysTable(keys);
      $("board-error").textContent = "";
      $("updated").textContent = `updated ${timeOf(to)}`;
    } catch (e) {
      if (e instanceof AuthError) { logout(e.message); return; }
      $("board-error").textContent = `Could not refresh: ${e.message}`;
    }
  }

  function showBoard() {
    $("login").hidden = true;
    $("board").hidden = false;
    $("controls").hidden = false;
    clearInterval(timer);
    timer = setInterval(refresh, REFRESH_MS);
    return refresh();
  }

  function logout(message) {
    sessionStorage.removeItem(STORAGE_KEY);
    clearInterval(timer);
    $("board").hidden = true;
    $("controls").hidden = true;
    $("login").hidden = false;
    $("login-error").textContent = message || "";
    $("key").value = "";
  }

  async function login(event) {
    event.preventDefault();
    sessionStorage.setItem(STORAGE_KEY, $("key").value);
    try {
      await api("/admin/keys"); // an admin route: a client key gets 403 here
    } catch (e) {
      logout(e instanceof AuthError ? `Not the admin key: ${e.message}` : e.message);
      return;
    }
    $("login-error").textContent = "";
    await showBoard();
  }

  $("login").addEventListener("submit", login);
  $("logout").addEventListener("click", () => logout(""));
  $("period").addEventListener("change", refresh);
  window.addEventListener("resize", () => { if (lastSeries) drawChart(lastSeries); });
  if (key() !== null) showBoard();
})();
