// kg's view of the entity graph: sigma.js draws it; this script chooses the labels, filters, highlights
// and shows the cards. The data is the JSON in #kg-data (graphology's serialised graph).
(function () {
  "use strict";
  const data = JSON.parse(document.getElementById("kg-data").textContent);
  const graph = new graphology.MultiDirectedGraph({ allowSelfLoops: false });
  graph.import(data.graph);

  const FONT = "Helvetica, Arial, sans-serif";
  const PAD = 2; // pixels kept free around a label
  const state = { hovered: null, selected: null, hiddenTypes: new Set(), matches: new Set(), labels: new Set() };
  const byImportance = graph.nodes().sort((a, b) =>
    graph.getNodeAttribute(b, "centrality") - graph.getNodeAttribute(a, "centrality") || (a < b ? -1 : 1));
  const rank = new Map(byImportance.map((n, i) => [n, i]));
  const labelSize = (n) => (rank.get(n) < 10 ? 15 : rank.get(n) < 60 ? 13 : 12);
  const drawnBoxes = []; // the boxes of the labels drawn in the last frame (read by the tests)

  const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
  const measure = document.createElement("canvas").getContext("2d");
  const widths = new Map();
  function textWidth(text, size) {
    const key = size + "|" + text;
    if (!widths.has(key)) {
      measure.font = `${size}px ${FONT}`;
      widths.set(key, measure.measureText(text).width);
    }
    return widths.get(key);
  }

  // A label drawn with a white halo; its box is recorded so that the page can be checked for overlaps.
  function drawLabel(context, d, settings) {
    if (!d.label) return;
    const size = d.labelSize || settings.labelSize;
    context.font = `${size}px ${FONT}`;
    const x = d.x + d.size + 3, y = d.y + size / 3;
    context.lineWidth = 3;
    context.strokeStyle = "rgba(255,255,255,0.9)";
    context.strokeText(d.label, x, y);
    context.fillStyle = "#222";
    context.fillText(d.label, x, y);
    const w = context.measureText(d.label).width;
    drawnBoxes.push({ node: d.key, x: x, y: y - size * 0.8, w: w, h: size * 1.05 });
  }

  function focus() { return state.selected || state.hovered; }
  function near(n) {
    const f = focus();
    return !f || n === f || graph.areNeighbors(n, f);
  }

  function nodeReducer(n, attrs) {
    const out = { ...attrs, labelSize: labelSize(n) };
    if (state.hiddenTypes.has(attrs.kind)) return { ...out, hidden: true };
    if (!near(n)) { out.color = "#E4E4E4"; out.zIndex = 0; } else out.zIndex = 1;
    if (n === focus() || state.matches.has(n)) out.highlighted = true;
    out.forceLabel = state.labels.has(n);
    return out;
  }

  function edgeReducer(e, attrs) {
    const [s, t] = graph.extremities(e);
    if (state.hiddenTypes.has(graph.getNodeAttribute(s, "kind")) || state.hiddenTypes.has(graph.getNodeAttribute(t, "kind")))
      return { ...attrs, hidden: true };
    const f = focus();
    if (f && s !== f && t !== f) return { ...attrs, hidden: true };
    return f ? { ...attrs, color: "#59636E", zIndex: 1 } : attrs;
  }

  const container = document.getElementById("graph");
  const renderer = new Sigma(graph, container, {
    nodeReducer, edgeReducer,
    defaultDrawNodeLabel: drawLabel,
    labelRenderedSizeThreshold: Infinity, // only the labels chosen below are drawn
    labelFont: FONT, labelSize: 12,
    enableEdgeEvents: true,
    zIndex: true,
    edgeProgramClasses: { arrow: Sigma.rendering.EdgeArrowProgram, curved: Sigma.rendering.EdgeCurveProgram },
    minCameraRatio: 0.02, maxCameraRatio: 4,
  });
  renderer.on("beforeRender", () => { drawnBoxes.length = 0; });

  // Labels by importance: the most central nodes first, each where it overlaps no label already placed
  // and no node more central than its own.
  function chooseLabels() {
    const { width, height } = renderer.getDimensions();
    const cell = 80, grid = new Map(), chosen = new Set();
    const f = focus();
    const order = f ? [f, ...byImportance.filter((n) => n !== f)] : byImportance;
    for (const n of order) {
      const d = renderer.getNodeDisplayData(n);
      if (!d || d.hidden || !near(n)) continue;
      const p = renderer.framedGraphToViewport(d);
      const r = renderer.scaleSize(d.size), size = labelSize(n);
      const label = graph.getNodeAttribute(n, "label");
      const box = { x: p.x + r + 3 - PAD, y: p.y + size / 3 - size * 0.8 - PAD, w: textWidth(label, size) + 2 * PAD, h: size * 1.05 + 2 * PAD };
      const disc = { x: p.x - r, y: p.y - r, w: 2 * r, h: 2 * r };
      if (box.x + box.w < 0 || box.x > width || box.y + box.h < 0 || box.y > height) continue;
      if (!collides(grid, cell, box)) {
        add(grid, cell, box);
        chosen.add(n);
      }
      add(grid, cell, disc);
    }
    const changed = [...chosen].filter((n) => !state.labels.has(n)).concat([...state.labels].filter((n) => !chosen.has(n)));
    state.labels = chosen;
    const visible = graph.filterNodes((n) => !state.hiddenTypes.has(graph.getNodeAttribute(n, "kind"))).length;
    document.getElementById("labels-note").textContent =
      `${chosen.size} of ${visible} names shown here; zoom in for more.`;
    return changed;
  }

  function cellsOf(cell, b) {
    const cells = [];
    for (let i = Math.floor(b.x / cell); i <= Math.floor((b.x + b.w) / cell); i++)
      for (let j = Math.floor(b.y / cell); j <= Math.floor((b.y + b.h) / cell); j++) cells.push(i + "," + j);
    return cells;
  }
  function collides(grid, cell, b) {
    return cellsOf(cell, b).some((c) => (grid.get(c) || []).some((o) =>
      b.x < o.x + o.w && o.x < b.x + b.w && b.y < o.y + o.h && o.y < b.y + b.h));
  }
  function add(grid, cell, b) {
    for (const c of cellsOf(cell, b)) { if (!grid.has(c)) grid.set(c, []); grid.get(c).push(b); }
  }

  let pending = false;
  function relabel() {
    if (pending) return;
    pending = true;
    requestAnimationFrame(() => {
      pending = false;
      const changed = chooseLabels();
      if (changed.length) renderer.refresh({ partialGraph: { nodes: changed }, skipIndexation: true });
    });
  }
  function redraw() { // after a change of focus, filter or search: reduce every node and edge again
    renderer.refresh({ skipIndexation: true }); // hidden nodes first: the labels skip them
    chooseLabels();
    renderer.refresh({ skipIndexation: true });
  }
  renderer.getCamera().on("updated", relabel);

  // --- cards -------------------------------------------------------------------------------------------
  const card = document.getElementById("card"), tip = document.getElementById("tip");
  const nameOf = (n) => esc(graph.getNodeAttribute(n, "label"));
  const link = (n) => `<a data-node="${esc(n)}">${nameOf(n)}</a>`;
  function sentences(a) {
    let out = a.sentences.map((s) => `<div class="sentence">“${esc(s)}”</div>`).join("");
    if (a.more) out += `<div class="sentence muted">and ${a.more} more</div>`;
    if (a.quotes.length) out += a.quotes.map((q) => `<div class="sentence">« ${esc(q)} »</div>`).join("");
    if (a.documents) out += `<div class="sentence muted">${esc(a.documents)}</div>`;
    return out;
  }
  function factLine(e) {
    const a = graph.getEdgeAttributes(e), [s, t] = graph.extremities(e);
    const qual = [a.place && `in ${esc(a.place)}`, a.time && esc(a.time), `${a.sources} source(s)`].filter(Boolean).join(", ");
    return `<li>${link(s)} <i>${esc(a.label)}</i> → ${link(t)} <span class="kind">(${qual})</span>${sentences(a)}</li>`;
  }
  function roles(n) {
    const found = [];
    graph.forEachOutEdge(n, (e, a, s, t) => { if (a.kind === "role") found.push(`${esc(a.label)} of ${link(t)}`); });
    graph.forEachInEdge(n, (e, a, s) => { if (a.kind === "role") found.push(`${link(s)} is ${esc(a.label)} here`); });
    return found;
  }
  function nodeSummary(n) {
    const a = graph.getNodeAttributes(n);
    let out = `<b>${esc(a.label)}</b> <span class="kind">${esc(a.kind)}</span>`;
    if (a.aliases) out += `<div>also ${esc(a.aliases.split("; ").join(", "))}</div>`;
    if (a.job_title) out += `<div>${esc(a.job_title)}</div>`;
    return out;
  }
  function showNode(n) {
    const a = graph.getNodeAttributes(n);
    const facts = graph.edges(n).sort((x, y) => graph.getEdgeAttribute(y, "sources") - graph.getEdgeAttribute(x, "sources"));
    const role = roles(n);
    card.innerHTML = `<button class="close" title="Close">×</button><h2>${esc(a.label)}</h2><div class="kind">${esc(a.kind)}</div>` +
      (a.aliases ? `<div>Also: ${esc(a.aliases.split("; ").join(", "))}</div>` : "") +
      (a.job_title ? `<div>Titles: ${esc(a.job_title)}</div>` : "") +
      (a.demonym ? `<div>Demonym: ${esc(a.demonym)}</div>` : "") +
      (role.length ? `<h3>Roles</h3><ul>${role.map((r) => `<li>${r}</li>`).join("")}</ul>` : "") +
      `<div class="muted">${a.sources} source(s), ${a.mentions} mention(s), ${a.degree} fact(s), centrality ${a.centrality.toFixed(4)}, community ${a.community}</div>` +
      (a.concepts ? `<h3>About concepts</h3><ul>${a.concepts.split("\n").map((c) => `<li>${esc(c)}</li>`).join("")}</ul>` : "") +
      `<h3>Facts (${facts.length})</h3><ul>${facts.slice(0, 60).map(factLine).join("")}</ul>` +
      (facts.length > 60 ? `<div class="muted">and ${facts.length - 60} more</div>` : "");
    card.hidden = false;
  }
  function showEdge(e) {
    const a = graph.getEdgeAttributes(e);
    card.innerHTML = `<button class="close" title="Close">×</button><h2>${esc(a.label)}</h2>` +
      `<div class="kind">${esc(a.kind)}${a.asserted ? "" : " (not asserted)"}, confidence ${a.confidence}</div><ul>${factLine(e)}</ul>`;
    card.hidden = false;
  }
  card.addEventListener("click", (event) => {
    const target = event.target.closest("[data-node]");
    if (target) select(target.dataset.node, true);
    else if (event.target.classList.contains("close")) select(null);
  });
  function place(event) {
    tip.style.left = event.x + 14 + "px";
    tip.style.top = event.y + 14 + "px";
  }
  renderer.on("enterNode", ({ node, event }) => {
    state.hovered = node;
    tip.innerHTML = nodeSummary(node);
    tip.hidden = false;
    place(event);
    redraw();
  });
  renderer.on("leaveNode", () => { state.hovered = null; tip.hidden = true; redraw(); });
  renderer.on("enterEdge", ({ edge, event }) => {
    const a = graph.getEdgeAttributes(edge), [s, t] = graph.extremities(edge);
    tip.innerHTML = `<b>${nameOf(s)}</b> <i>${esc(a.label)}</i> → <b>${nameOf(t)}</b>` +
      (a.sentences.length ? `<div class="sentence">“${esc(a.sentences[0])}”</div>` : "");
    tip.hidden = false;
    place(event);
  });
  renderer.on("leaveEdge", () => { tip.hidden = true; });
  renderer.on("clickNode", ({ node }) => select(node));
  renderer.on("clickEdge", ({ edge }) => showEdge(edge));
  renderer.on("clickStage", () => select(null));

  function select(n, move) {
    state.selected = n;
    if (n) {
      showNode(n);
      if (move) {
        const d = renderer.getNodeDisplayData(n);
        renderer.getCamera().animate({ x: d.x, y: d.y, ratio: Math.min(renderer.getCamera().ratio, 0.35) }, { duration: 400 });
      }
    } else card.hidden = true;
    redraw();
  }

  // --- search, types, zoom -------------------------------------------------------------------------------
  const names = new Map();
  graph.forEachNode((n, a) => {
    for (const name of [a.label, ...(a.aliases ? a.aliases.split("; ") : [])]) {
      const key = name.toLowerCase();
      if (!names.has(key) || rank.get(n) < rank.get(names.get(key))) names.set(key, n);
    }
  });
  document.getElementById("names").innerHTML =
    byImportance.slice(0, 3000).map((n) => `<option value="${nameOf(n)}">`).join("");
  const search = document.getElementById("search"), found = document.getElementById("found");
  search.addEventListener("input", () => {
    const q = search.value.trim().toLowerCase();
    state.matches = new Set();
    if (q.length > 1) for (const [name, n] of names) if (name.includes(q)) state.matches.add(n);
    found.textContent = q.length > 1 ? `${state.matches.size} found` : "";
    if (names.has(q)) select(names.get(q), true);
    else redraw();
  });
  search.addEventListener("keydown", (event) => {
    if (event.key !== "Enter" || !state.matches.size) return;
    select([...state.matches].sort((a, b) => rank.get(a) - rank.get(b))[0], true);
  });

  const types = document.getElementById("types");
  for (const t of data.types) {
    const row = document.createElement("label");
    row.innerHTML = `<input type="checkbox" checked data-type="${esc(t.name)}"><span class="swatch" style="background:${t.color}"></span>${esc(t.name)}<span class="count">${t.count}</span>`;
    types.appendChild(row);
  }
  types.addEventListener("change", (event) => {
    const t = event.target.dataset.type;
    if (event.target.checked) state.hiddenTypes.delete(t); else state.hiddenTypes.add(t);
    if (state.selected && state.hiddenTypes.has(graph.getNodeAttribute(state.selected, "kind"))) select(null);
    redraw();
  });

  const camera = renderer.getCamera();
  document.getElementById("zoom-in").onclick = () => camera.animatedZoom({ duration: 300 });
  document.getElementById("zoom-out").onclick = () => camera.animatedUnzoom({ duration: 300 });
  document.getElementById("zoom-fit").onclick = () => camera.animatedReset({ duration: 300 });

  document.getElementById("title").textContent = data.title;
  const facts = graph.size;
  document.getElementById("summary").textContent = `${graph.order.toLocaleString("en")} nodes, ${facts.toLocaleString("en")} facts` +
    (data.folded ? `; concepts folded into ${data.folded} entities (kg export --concepts draws them)` : "");
  redraw();
  window.kgView = { renderer, graph, state, drawnBoxes, select, redraw };
})();
