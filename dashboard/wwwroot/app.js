// Parity dashboard: business health. Polls the JSON API once a second (the server reads the health sources at most
// once per cache period whatever the number of open pages) and renders one card per source. Grain health is the
// Orleans Dashboard's, linked from the header.
"use strict";

const api = "/dashboard/api";
const keyStore = "parity-dashboard-api-key";
const pollMs = 1000;
let blocked = false;

const $ = (id) => document.getElementById(id);
const fmt = (n, digits = 0) => (n === null || n === undefined || Number.isNaN(n)) ? "–"
  : Number(n).toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "class") node.className = v; else if (k.startsWith("on")) node.addEventListener(k.slice(2), v); else node.setAttribute(k, v);
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
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

// Where a page behind the same sign-in (the Orleans Dashboard) sent the browser to sign in: back there afterwards.
// Only a path under /dashboard/ on this site, so the parameter cannot send a signed-in operator elsewhere.
function nextPage() {
  const next = new URLSearchParams(location.search).get("next");
  return next && next.startsWith("/dashboard/") ? next : null;
}

$("login-form").addEventListener("submit", async (e) => {
  e.preventDefault();
  const body = new URLSearchParams({ username: $("login-username").value, password: $("login-password").value });
  const response = await fetch("/dashboard/login", { method: "POST", body, credentials: "same-origin" });
  if (!response.ok) { $("signin-error").textContent = "The user name or password is wrong."; return; }
  const next = nextPage();
  if (next) location.assign(next); else signedIn();
});

$("key-form").addEventListener("submit", (e) => {
  e.preventDefault();
  sessionStorage.setItem(keyStore, $("api-key").value);
  signedIn();
});

// ---- business health -------------------------------------------------------------------------------------------
function figureValue(f) {
  if (f.value === null) return "–";
  return fmt(f.value, f.unit === "count" ? 0 : 2) + (f.unit === "count" ? "" : " " + f.unit);
}

function renderBusiness(b) {
  $("business").replaceChildren(...b.sources.map(source => el("div", { class: "card", "data-source": source.name },
    el("h3", {}, source.name),
    source.error ? el("p", { class: "error" }, source.error) : el("div", {},
      ...source.figures.map(f => el("div", { "data-figure": f.name },
        el("strong", {}, f.label + ": "), el("span", { class: "figure-value" }, figureValue(f)),
        f.breakdown && Object.keys(f.breakdown).length
          ? el("ul", {}, ...Object.entries(f.breakdown).map(([k, v]) => el("li", { "data-key": k }, k + ": " + fmt(v))))
          : ""))))));
  $("business-awaiting").replaceChildren(...b.awaiting.map(name => el("li", {}, name + " (no source registered yet)")));
}

// ---- polling ---------------------------------------------------------------------------------------------------
let polling = false;
async function poll() {
  if (blocked || polling) return;
  polling = true;
  try {
    renderBusiness(await get("/business"));
    $("live-dot").className = "live";
    $("updated").textContent = "updated " + new Date().toLocaleTimeString("en-GB");
  } catch (e) {
    $("live-dot").className = "down";
    if (e.message !== "unauthorized") $("updated").textContent = "update failed: " + e.message;
  } finally {
    polling = false;
  }
}

poll();
setInterval(poll, pollMs);
