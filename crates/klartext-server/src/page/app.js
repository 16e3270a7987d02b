// The page's logic: send the pasted or dropped document to /v1/explain and show the
// article, the quotations by speaker, the people and organisations, and every block of
// the source with the verdict on it. All text goes in through textContent (never HTML).
"use strict";

const PALETTE = ["#1565c0", "#c62828", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e"];
const $ = (id) => document.getElementById(id);

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (k === "style") node.style.cssText = v; else node.setAttribute(k, v);
  }
  for (const c of children) node.append(c);
  return node;
}

function looksLikeHtml(s) {
  return /<\s*(!doctype|html|head|body|div|p|article|span|h[1-6])\b/i.test(s);
}

async function run(event) {
  if (event) event.preventDefault();
  const source = $("source").value;
  if (!source.trim()) return;
  let kind = $("kind").value;
  if (kind === "auto") kind = looksLikeHtml(source) ? "html" : "text";
  const request = { [kind]: source };
  if ($("url").value) request.url = $("url").value;
  setStatus("extracting…");
  try {
    const response = await fetch("/v1/explain", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify(request),
    });
    const body = await response.json();
    if (!response.ok) {
      setStatus(`${response.status}: ${body.error ? body.error.message : "error"}`, true);
      return;
    }
    show(body);
    setStatus(`${body.blocks.filter((b) => b.kept).length} of ${body.blocks.length} blocks kept`);
  } catch (err) {
    setStatus(String(err), true);
  }
}

function setStatus(text, isError) {
  $("status").textContent = text;
  $("status").className = isError ? "error" : "";
}

function show({ article, blocks }) {
  $("result").hidden = false;
  $("headline").textContent = article.title || "(no headline found)";
  $("teaser").textContent = article.description || "";
  showFacts(article);
  showImages(article.images || []);
  const colours = speakerColours(article.quotes || []);
  showSpeakers(colours);
  showText(article.text || "", article.quotes || [], colours);
  showEntities(article.entities || []);
  showBlocks(blocks);
}

function showFacts(a) {
  const facts = $("facts");
  facts.replaceChildren();
  const rows = [
    ["By", (a.authors || []).join(", ")],
    ["Published", a.date_published],
    ["Modified", a.date_modified],
    ["Agencies", (a.agencies || []).join(", ")],
    ["Site", a.site_name],
    ["Language", a.language],
    ["Page type", a.page_type ? `${a.page_type.type} (confidence ${Number(a.page_type.confidence).toFixed(2)})` : ""],
  ];
  for (const [name, value] of rows) {
    if (value) facts.append(el("dt", {}, name), el("dd", { "data-fact": name }, value));
  }
}

function showImages(images) {
  const list = $("images");
  list.replaceChildren();
  for (const img of images) {
    // Only the address: the page loads nothing from elsewhere.
    const item = el("li", {}, el("code", {}, img.url));
    if (img.caption) item.append(" — ", img.caption);
    if (img.credit) item.append(" ", el("span", { class: "credit" }, `(${img.credit})`));
    list.append(item);
  }
}

function speakerColours(quotes) {
  const colours = new Map();
  for (const q of quotes) {
    const name = q.speaker || "unknown speaker";
    if (!colours.has(name)) colours.set(name, PALETTE[colours.size % PALETTE.length]);
  }
  return colours;
}

function showSpeakers(colours) {
  const box = $("speakers");
  box.replaceChildren();
  for (const [name, colour] of colours) {
    box.append(el("span", { style: `--c: ${colour}`, class: "speaker" }, name));
  }
}

// Quote offsets count Unicode code points, so the text is cut as an array of them.
function showText(text, quotes, colours) {
  const chars = Array.from(text);
  const out = $("text");
  out.replaceChildren();
  let at = 0;
  const sorted = [...quotes].sort((a, b) => a.start - b.start);
  for (const q of sorted) {
    if (q.start < at || q.end > chars.length || q.end <= q.start) continue;
    out.append(chars.slice(at, q.start).join(""));
    const name = q.speaker || "unknown speaker";
    const colour = colours.get(name);
    out.append(
      el("mark", { class: "quote", style: `--c: ${colour}`, "data-speaker": name, title: name },
        chars.slice(q.start, q.end).join("")),
      el("span", { class: "speaker-tag", style: `--c: ${colour}` }, `— ${name}`),
    );
    at = q.end;
  }
  out.append(chars.slice(at).join(""));
}

function showEntities(entities) {
  const body = $("entities").tBodies[0];
  body.replaceChildren();
  for (const e of entities) {
    body.append(el("tr", {},
      el("td", {}, e.name), el("td", {}, e.type || ""),
      el("td", {}, (e.roles || []).join("; ")), el("td", {}, String(e.mentions ?? ""))));
  }
}

function showBlocks(blocks) {
  const list = $("blocks");
  list.replaceChildren();
  for (const b of blocks) {
    const why = `${b.kept ? "kept" : "dropped"}: ${b.reason} · ${b.kind} · ${b.owner}` +
      (b.furniture_container ? ` · in ${b.furniture_container}` : "") +
      ` · link density ${b.link_density.toFixed(2)}`;
    list.append(el("li", { class: b.kept ? "kept" : "dropped" }, el("span", { class: "why" }, why), b.text));
  }
}

function readFile(file) {
  const reader = new FileReader();
  reader.onload = () => { $("source").value = reader.result; run(); };
  reader.readAsText(file);
}

window.addEventListener("DOMContentLoaded", () => {
  $("form").addEventListener("submit", run);
  $("file").addEventListener("change", (e) => { if (e.target.files[0]) readFile(e.target.files[0]); });
  const area = $("source");
  area.addEventListener("dragover", (e) => { e.preventDefault(); area.classList.add("drop"); });
  area.addEventListener("dragleave", () => area.classList.remove("drop"));
  area.addEventListener("drop", (e) => {
    e.preventDefault();
    area.classList.remove("drop");
    if (e.dataTransfer.files[0]) readFile(e.dataTransfer.files[0]);
  });
});
