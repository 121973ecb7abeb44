// The portal page: every figure comes from the JSON endpoints; the token travels in the HttpOnly cookie.
"use strict";

const $ = (id) => document.getElementById(id);
let me = null;
let today = null; // the service's date (its zone), not the browser's

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

function cell(text, className) {
  const td = document.createElement("td");
  td.textContent = text === null || text === undefined ? "" : String(text);
  if (className) td.className = className;
  return td;
}

function pct(value) { return value === null || value === undefined ? "–" : Number(value).toFixed(2) + " %"; }

let tableRequest = 0; // only the latest choice of quarter and grouping fills the table

async function loadTable() {
  const request = ++tableRequest;
  const quarter = $("quarter").value, by = $("by").value;
  $("table-quarter").textContent = quarter;
  const head = $("attainment").tHead, body = $("attainment").tBodies[0];
  head.innerHTML = ""; body.innerHTML = ""; $("table-message").textContent = "Loading…";
  const { status, body: data } = await getJson(`/api/sla/summary?quarter=${encodeURIComponent(quarter)}&by=${encodeURIComponent(by)}`);
  if (request !== tableRequest) return; // a later choice was made while this one loaded
  if (status !== 200) { $("table-message").textContent = data.error || `The summary is not available (HTTP ${status}).`; return; }
  $("target").textContent = `Target ${Number(data.target_pct)} %; amber from ${Number(data.warning_pct)} %.`;
  const tr = document.createElement("tr");
  for (const [name, numeric] of [...data.by.map((b) => [b, false]), ["eligible", true], ["met", true], ["breached", true], ["pending", true], ["attainment", true]]) {
    const th = document.createElement("th"); th.textContent = name; if (numeric) th.className = "num"; tr.appendChild(th);
  }
  head.appendChild(tr);
  for (const row of data.rows) {
    const r = document.createElement("tr");
    row.keys.forEach((k) => r.appendChild(cell(k)));
    r.appendChild(cell(row.eligible, "num")); r.appendChild(cell(row.met, "num"));
    r.appendChild(cell(row.breached, "num")); r.appendChild(cell(row.pending, "num"));
    r.appendChild(cell(pct(row.attainment_pct), "num " + row.rating));
    body.appendChild(r);
  }
  $("table-message").textContent = data.rows.length === 0 ? "No eligible cases in this quarter." : "";
  await loadDownloads(quarter, request);
}

function link(href, text) {
  const li = document.createElement("li"), a = document.createElement("a");
  a.href = href; a.textContent = text; li.appendChild(a); return li;
}

async function loadDownloads(quarter, request) {
  const list = $("download-list"); list.innerHTML = "";
  const q = encodeURIComponent(quarter);
  if (me.role === "leadership" || me.role === "service_manager") {
    list.appendChild(link(`/api/reports/sla.xlsx?quarter=${q}`, `SLA workbook ${quarter} (.xlsx)`));
    const { status, body } = await getJson(`/api/sla/summary?quarter=${q}&by=account`);
    if (request !== tableRequest) return;
    if (status === 200) for (const row of body.rows) {
      const account = encodeURIComponent(row.keys[0]);
      list.appendChild(link(`/api/accounts/${account}/review-pack.pdf?quarter=${q}`, `Review pack ${row.keys[0]} ${quarter} (.pdf)`));
      list.appendChild(link(`/api/accounts/${account}/review-deck.pptx?quarter=${q}`, `Review deck ${row.keys[0]} ${quarter} (.pptx, editable)`));
    }
  }
  if (me.role === "finance" || me.role === "leadership") {
    list.appendChild(link(`/api/trueup?due=${today}`, `True-up statements due by ${today} (.json)`));
  }
}

async function loadJobs() {
  const body = $("jobs").tBodies[0]; body.innerHTML = "";
  const { body: health } = await getJson("/health");
  for (const job of health.jobs || []) {
    const tr = document.createElement("tr"), run = job.last_run;
    tr.appendChild(cell(job.job));
    tr.appendChild(cell(run ? run.period_key : "never run"));
    tr.appendChild(cell(run ? run.status : "", run ? "status-" + run.status : ""));
    tr.appendChild(cell(run ? run.attempt : "", "num"));
    tr.appendChild(cell(run && run.finished_at ? run.finished_at.replace("T", " ").replace("Z", "") : ""));
    body.appendChild(tr);
  }
}

// Leadership only: every subscription and the outcome of its last delivery.
async function loadSubscriptions() {
  if (me.role !== "leadership") return;
  const { status, body } = await getJson("/api/deliveries");
  if (status !== 200) return;
  const rows = $("subscription-table").tBodies[0]; rows.innerHTML = "";
  for (const s of body.subscriptions) {
    const tr = document.createElement("tr"), last = s.last_delivery;
    tr.appendChild(cell(s.name));
    tr.appendChild(cell(s.report));
    tr.appendChild(cell(s.folder ? `folder ${s.folder}` : s.to.join(", ")));
    tr.appendChild(cell(last ? last.period_key : "never delivered"));
    const finished = last && last.finished_at ? ` ${last.finished_at.replace("T", " ").replace("Z", "")} UTC` : "";
    tr.appendChild(cell(last ? last.outcome + finished : "", last ? "status-" + last.outcome : ""));
    tr.appendChild(cell(last ? last.recipients.map((r) => `${r.recipient}: ${r.status}` + (r.status === "delivered" ? "" : ` (try ${r.attempt}: ${r.server_reply || ""})`)).join("; ") : ""));
    rows.appendChild(tr);
  }
  $("subscriptions").hidden = false;
}

// Every form posts the anti-forgery token of this page's session.
function protectForms(antiforgery) {
  for (const form of document.querySelectorAll("form[method=post]")) {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = antiforgery.field; input.value = antiforgery.token;
    form.appendChild(input);
  }
}

async function start() {
  const { body: session } = await getJson("/session");
  protectForms(session.antiforgery);
  if (session.signed_in && !session.role) {
    // Signed in through the identity provider, but no group of theirs is mapped to a role.
    $("norole-name").textContent = session.name || "you";
    $("norole").hidden = false;
    return;
  }
  const { status, body } = session.signed_in ? await getJson("/api/me") : { status: 401, body: {} };
  if (status !== 200) {
    const problem = new URLSearchParams(location.search).get("signin");
    $("signin-oidc").hidden = !session.oidc;
    $("signin-token").open = !session.oidc;
    $("signin-failed").hidden = problem !== "failed";
    $("signin-expired").hidden = problem !== "expired";
    if (problem) $("signin-token").open = true;
    $("signin").hidden = false;
    return;
  }
  me = body;
  $("who").hidden = false; $("who-name").textContent = me.name; $("who-role").textContent = me.role.replace("_", " ");
  $("portal").hidden = false;
  const { body: quarters } = await getJson("/api/quarters");
  today = quarters.today;
  for (const q of quarters.quarters) {
    const option = document.createElement("option"); option.value = q; option.textContent = q;
    if (q === quarters.latest_complete) option.selected = true;
    $("quarter").appendChild(option);
  }
  $("quarter").addEventListener("change", loadTable);
  $("by").addEventListener("change", loadTable);
  await Promise.all([loadTable(), loadJobs(), loadSubscriptions()]);
}

document.addEventListener("DOMContentLoaded", start);
