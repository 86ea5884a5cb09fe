// Parity dashboard: polls the JSON API once a second (the server reads the cluster statistics grain at most twice a
// second whatever the number of open pages), renders tables, and draws its charts on canvas by hand.
"use strict";

const api = "/dashboard/api";
const keyStore = "parity-dashboard-api-key";
const pollMs = 1000;
let tab = "overview";
let blocked = false;

const $ = (id) => document.getElementById(id);
const fmt = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n)) ? "–"
  : Number(n).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const ms = (n) => n >= 100 ? fmt(n, 0) : n >= 1 ? fmt(n, 1) : fmt(n, 3);
const mb = (bytes) => fmt(bytes / 1048576, 0) + " MB";
const pct = (ratio) => fmt(ratio * 100, 2) + " %";

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

function fill(tableId, rows) {
  const body = $(tableId).tBodies[0];
  body.replaceChildren(...rows);
}

async function get(path) {
  const headers = { "Accept": "application/json" };
  const key = sessionStorage.getItem(keyStore);
  if (key) headers["X-Api-Key"] = key;
  const response = await fetch(api + path, { headers, credentials: "same-origin" });
  if (response.status === 401) {
    const problem = await response.json().catch(() => ({}));
    showSignIn(problem);
    throw new Error("unauthorized");
  }
  if (!response.ok) {
    const problem = await response.json().catch(() => ({}));
    throw new Error(problem.detail || problem.title || ("HTTP " + response.status));
  }
  return response.json();
}

// ---- sign-in ---------------------------------------------------------------------------------------------------
function showSignIn(problem) {
  blocked = true;
  $("signin").hidden = false;
  document.querySelector("main").hidden = true;
  $("signin-detail").textContent = problem.detail || "This dashboard needs the admin scope.";
  $("login-form").hidden = !problem.loginAvailable;
}

function signedIn() {
  blocked = false;
  $("signin").hidden = true;
  $("signin-error").textContent = "";
  document.querySelector("main").hidden = false;
  poll();
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = new URLSearchParams({ username: $("login-username").value, password: $("login-password").value });
  const response = await fetch("/dashboard/login", { method: "POST", body, credentials: "same-origin" });
  if (response.ok) signedIn(); else $("signin-error").textContent = "The user name or password is wrong.";
});

$("key-form").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem(keyStore, $("api-key").value);
  signedIn();
});

// ---- charts ----------------------------------------------------------------------------------------------------
function drawChart(canvasId, points, value, color) {
  const canvas = $(canvasId);
  if (!canvas || canvas.offsetParent === null) return;
  const ctx = canvas.getContext("2d");
  const w = canvas.width, h = canvas.height, left = 44, bottom = 16, top = 6;
  ctx.clearRect(0, 0, w, h);
  ctx.font = "10px system-ui, sans-serif";
  ctx.fillStyle = "#6b7385";
  ctx.strokeStyle = "#dde1e8";
  const values = points.map(value);
  const max = Math.max(1e-9, ...values) * 1.1;
  for (let i = 0; i <= 2; i++) {
    const y = top + (h - top - bottom) * i / 2;
    ctx.beginPath(); ctx.moveTo(left, y); ctx.lineTo(w, y); ctx.stroke();
    ctx.fillText(fmt(max * (1 - i / 2), max < 10 ? 1 : 0), 2, y + 3);
  }
  if (points.length > 0) {
    const t0 = Date.parse(points[0].timestamp), t1 = Date.parse(points[points.length - 1].timestamp);
    const span = Math.max(1, (t1 - t0) / 1000);
    ctx.fillText("-" + fmt(span) + " s", left, h - 3);
    ctx.fillText("now", w - 22, h - 3);
    ctx.strokeStyle = color; ctx.lineWidth = 1.5; ctx.beginPath();
    points.forEach((p, i) => {
      const x = left + (w - left) * (points.length === 1 ? 1 : i / (points.length - 1));
      const y = top + (h - top - bottom) * (1 - values[i] / max);
      if (i === 0) ctx.moveTo(x, y); else ctx.lineTo(x, y);
    });
    ctx.stroke(); ctx.lineWidth = 1;
  }
}

// ---- pages -----------------------------------------------------------------------------------------------------
function renderOverview(o) {
  $("total-silos").textContent = fmt(o.totals.activeSilos) + " / " + fmt(o.totals.silos);
  $("total-activations").textContent = fmt(o.totals.activations);
  $("total-calls-per-second").textContent = fmt(o.totals.callsPerSecond, 1);
  $("total-calls").textContent = fmt(o.totals.totalCalls);
  $("total-error-rate").textContent = pct(o.totals.errorRate);
  $("total-p99").textContent = ms(o.totals.p99Ms) + " ms";
  fill("silos", o.silos.map(s => el("tr", { "data-silo": s.silo },
    el("td", {}, s.silo), el("td", { class: "text status-" + s.status }, s.status), el("td", {}, fmt(s.cpuPercent, 1)),
    el("td", {}, mb(s.workingSetBytes)), el("td", {}, mb(s.gcHeapBytes)), el("td", {}, fmt(s.activations)),
    el("td", {}, fmt(s.callsPerSecond, 1)), el("td", {}, pct(s.errorRate)), el("td", {}, ms(s.p50Ms)), el("td", {}, ms(s.p99Ms)),
    el("td", {}, fmt(s.overloads)))));
  drawChart("chart-calls", o.history, p => p.callsPerSecond, "#2563eb");
  drawChart("chart-latency", o.history, p => p.p99Ms, "#b7791f");
  drawChart("chart-cpu", o.history, p => p.cpuPercent, "#2f855a");
  drawChart("chart-memory", o.history, p => p.workingSetBytes / 1048576, "#7c3aed");
  return o;
}

function renderGrainTypes(g) {
  fill("grain-types", g.types.map(t => el("tr", { "data-grain-type": t.grainType },
    el("td", {}, t.grainType), el("td", {}, fmt(t.activations)),
    el("td", { class: "text" }, t.bySilo.map(s => s.silo.split("@")[0] + ": " + fmt(s.activations)).join(", ")),
    el("td", {}, fmt(t.callsPerSecond, 1)), el("td", {}, fmt(t.errorsPerSecond, 2)), el("td", {}, fmt(t.calls)), el("td", {}, fmt(t.errors)))));
  fill("methods", g.methods.map(m => el("tr", { "data-method": m.grainType + "." + m.method },
    el("td", {}, m.grainType), el("td", { class: "text" }, m.method), el("td", {}, fmt(m.callsPerSecond, 1)),
    el("td", {}, ms(m.p50Ms)), el("td", {}, ms(m.p99Ms)), el("td", {}, ms(m.meanMs)), el("td", {}, fmt(m.calls)), el("td", {}, fmt(m.errors)))));
  $("known-types").replaceChildren(...g.types.map(t => el("option", { value: t.grainType })));
}

function renderHotGrains(h) {
  const max = Math.max(1e-9, ...h.grains.map(g => g.callsPerSecond));
  fill("hot-grains", h.grains.map(g => el("tr", { "data-grain-id": g.grainId },
    el("td", {}, g.grainId), el("td", { class: "text" }, g.silo),
    el("td", {}, el("span", { class: "bar", style: "width:" + Math.round(60 * g.callsPerSecond / max) + "px" }), fmt(g.callsPerSecond, 1)),
    el("td", {}, fmt(g.mailboxDepth)), el("td", {}, fmt(g.calls)),
    el("td", {}, el("a", { class: "inspect", onclick: () => inspect(g.grainId) }, "inspect")))));
}

function renderStorage(s) {
  fill("storage", s.silos.map(x => el("tr", { "data-silo": x.silo },
    el("td", {}, x.silo), el("td", {}, fmt(x.storage.appendsPerSecond, 1)), el("td", {}, fmt(x.storage.appends)), el("td", {}, fmt(x.storage.events)),
    el("td", {}, fmt(x.storage.failures)), el("td", {}, fmt(x.storage.meanBatchSize, 2)), el("td", {}, fmt(x.storage.recentMeanBatchSize, 2)),
    el("td", {}, fmt(x.storage.maxBatchSize)), el("td", {}, ms(x.storage.p50Ms)), el("td", {}, ms(x.storage.p99Ms)), el("td", {}, ms(x.storage.recentP99Ms)))));
  fill("reminders", s.silos.map(x => {
    const r = x.reminders || {};
    return el("tr", { "data-silo": x.silo }, el("td", {}, x.silo), el("td", {}, fmt(r.registered)), el("td", {}, fmt(r.unregistered)),
      el("td", {}, fmt(r.fired)), el("td", {}, fmt(r.failed)), el("td", {}, fmt(r.dueAtLastPoll)), el("td", {}, fmt(r.inFlight)));
  }));
  drawChart("chart-appends", s.history, p => p.appendsPerSecond, "#2563eb");
  drawChart("chart-append-latency", s.history, p => p.appendP99Ms, "#b7791f");
}

function renderBusiness(b) {
  $("business").replaceChildren(...b.sources.map(source => el("div", { class: "card", "data-source": source.name },
    el("h3", {}, source.name),
    source.error ? el("p", { class: "error" }, source.error) : el("div", {},
      ...source.figures.map(f => el("div", { "data-figure": f.name },
        el("strong", {}, f.label + ": "), f.value === null ? "–" : fmt(f.value, f.unit === "count" ? 0 : 2) + (f.unit === "count" ? "" : " " + f.unit),
        f.breakdown && Object.keys(f.breakdown).length ? el("ul", {}, ...Object.entries(f.breakdown).map(([k, v]) => el("li", {}, k + ": " + fmt(v)))) : "")))))); 
  $("business-awaiting").replaceChildren(...b.awaiting.map(name => el("li", {}, name + " (no source registered yet)")));
}

async function inspect(grainId) {
  const slash = grainId.indexOf("/");
  $("lookup-type").value = grainId.slice(0, slash);
  $("lookup-key").value = grainId.slice(slash + 1);
  location.hash = "#lookup";
  await lookup();
}

async function lookup() {
  const type = $("lookup-type").value.trim(), key = $("lookup-key").value.trim();
  if (!type || !key) return;
  const result = $("lookup-result");
  result.textContent = "looking up…";
  try {
    const g = await get("/grains/" + encodeURIComponent(type) + "/" + key.split("/").map(encodeURIComponent).join("/") + "?events=" + $("lookup-events").value);
    result.replaceChildren(
      el("p", { id: "lookup-summary" }, g.grainId + " — " + g.grainClass + " on " + g.silo + " (" + g.kind + (g.version !== null ? ", version " + g.version + ", confirmed " + g.confirmedVersion : "") + "), " + g.calls + " calls, mailbox " + g.mailboxDepth),
      el("h3", {}, "State"), el("pre", { id: "lookup-state" }, JSON.stringify(g.state, null, 2)),
      el("h3", {}, "Recent events"),
      el("table", { id: "lookup-events-table" },
        el("thead", {}, el("tr", {}, ...["#", "Event", "Correlation id", "Causation id", "Source", "Source event", "Time", "Payload"].map(h => el("th", {}, h)))),
        el("tbody", {}, ...g.events.map(e => el("tr", { "data-sequence": e.sequence },
          el("td", {}, e.sequence), el("td", { class: "text" }, e.eventType), el("td", { class: "text event-correlation" }, e.correlationId || "–"),
          el("td", { class: "text" }, e.causationId || "–"), el("td", { class: "text" }, e.sourceSystem || "–"), el("td", { class: "text" }, e.sourceEventId || "–"),
          el("td", { class: "text" }, new Date(e.timestamp).toISOString()), el("td", { class: "text" }, JSON.stringify(e.payload)))))));
  } catch (e) {
    result.replaceChildren(el("p", { class: "error" }, e.message));
  }
}

$("lookup-form").addEventListener("submit", (e) => { e.preventDefault(); lookup(); });

// ---- navigation and polling ------------------------------------------------------------------------------------
function showTab() {
  tab = (location.hash || "#overview").slice(1);
  if (!$("page-" + tab)) tab = "overview";
  for (const page of document.querySelectorAll(".page")) page.hidden = page.id !== "page-" + tab;
  for (const link of document.querySelectorAll("#tabs a")) link.classList.toggle("active", link.dataset.tab === tab);
  poll();
}

const pageReaders = {
  "grain-types": () => get("/grain-types").then(renderGrainTypes),
  "hot-grains": () => get("/hot-grains?top=20").then(renderHotGrains),
  "storage": () => get("/storage").then(renderStorage),
  "business": () => get("/business").then(renderBusiness),
  "lookup": () => get("/grain-types").then(renderGrainTypes),
};

let polling = false;
async function poll() {
  if (blocked || polling) return;
  polling = true;
  try {
    await get("/overview").then(renderOverview);
    if (pageReaders[tab]) await pageReaders[tab]();
    $("live-dot").className = "live";
    $("updated").textContent = "updated " + new Date().toLocaleTimeString("en-GB");
  } catch (e) {
    $("live-dot").className = "down";
    if (e.message !== "unauthorized") $("updated").textContent = "update failed: " + e.message;
  } finally {
    polling = false;
  }
}

window.addEventListener("hashchange", showTab);
showTab();
setInterval(poll, pollMs);
