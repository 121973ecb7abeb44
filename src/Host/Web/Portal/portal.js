// The sign-in page: shows the sign-in choices, or says that the signed-in person has no role yet.
// Everything else is rendered on the server; the token travels in the HttpOnly cookie.
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

async function start() {
  const { body: session } = await getJson("/session");
  protectForms(session.antiforgery);
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
