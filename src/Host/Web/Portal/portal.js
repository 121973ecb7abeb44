// The pages for someone the server did not recognise: the sign-in page (its choices, or that the signed-in person has
// no role yet) and the "sign in first" page of a link. Everything else is rendered on the server; the token and the
// session travel in HttpOnly SameSite=Strict cookies.
"use strict";

const $ = (id) => document.getElementById(id);

async function getJson(url) {
  const response = await fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } });
  const body = await response.json().catch(() => ({}));
  return { status: response.status, body };
}

// Every form posts the anti-forgery token of this page's session.
function protectForms(antiforgery) {
  for (const form of document.querySelectorAll("form[method=post]")) {
    const input = document.createElement("input");
    input.type = "hidden"; input.name = antiforgery.field; input.value = antiforgery.token;
    form.appendChild(input);
  }
}

// A page opened from another site (the identity provider's redirect back, a link in an e-mail) arrives without the
// SameSite=Strict cookie. This script's own request carries it: when it shows the reader is signed in, the page is
// asked for again from here, once (a second try within 10 s is not made, so nothing can loop).
function askAgainSameSite() {
  const key = "fts-asked-again:" + location.href, last = Number(sessionStorage.getItem(key) || 0);
  if (Date.now() - last < 10000) return false;
  sessionStorage.setItem(key, String(Date.now()));
  location.replace(location.href);
  return true;
}

// A shared link opened before signing in leads here with ?returnUrl=/the/page: both ways of signing in carry it, and
// the server sends the reader back there (a path on this portal only; anything else goes to the overview).
function carryReturnUrl() {
  const back = new URLSearchParams(location.search).get("returnUrl");
  if (!back) return;
  $("signin-provider").href = "/signin?returnUrl=" + encodeURIComponent(back);
  const input = document.createElement("input");
  input.type = "hidden"; input.name = "returnUrl"; input.value = back;
  document.querySelector("#signin-token form").appendChild(input);
}

async function start() {
  const { body: session } = await getJson("/session");
  if (session.signed_in && session.role && askAgainSameSite()) return;
  if (!$("signin")) return; // the "sign in first" page: its link is all there is
  protectForms(session.antiforgery);
  carryReturnUrl();
  if (session.signed_in && !session.role) {
    // Signed in through the identity provider, but no group of theirs is mapped to a role.
    $("norole-name").textContent = session.name || "you";
    $("norole").hidden = false;
    return;
  }
  const problem = new URLSearchParams(location.search).get("signin");
  $("signin-oidc").hidden = !session.oidc;
  $("signin-token").open = !session.oidc;
  $("signin-failed").hidden = problem !== "failed";
  $("signin-expired").hidden = problem !== "expired";
  if (problem) $("signin-token").open = true;
  $("signin").hidden = false;
}

document.addEventListener("DOMContentLoaded", start);
