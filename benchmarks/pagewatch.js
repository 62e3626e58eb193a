// Installed by benchmarks/pagebench.py before a page's own scripts: notes, on the page's clock,
// the frame in which the "Showing N of M events" caption and the Plotly charts are drawn, on
// opening and after the press that changes a filter. See pagebench.py's docstring for the method.
(() => {
  const COUNT = /Showing [\d,]+ of [\d,]+ events/;
  const state = {
    openCaption: null, openChart: null, text: "",
    armed: false, pressed: null, beforeText: "", beforePrints: new Set(),
    caption: null, chart: null, runEnd: null, sawRunning: false, marks: 0,
  };
  const caption = () => {
    for (const element of document.querySelectorAll('[data-testid="stCaptionContainer"]')) {
      const found = COUNT.exec(element.textContent);
      if (found) return found[0];
    }
    return "";
  };
  const plots = () => [...document.querySelectorAll(".js-plotly-plot")];
  // Plotly.react with new data drops calcdata before it redraws; _doPlot sets _replotting while it
  // computes and clears it once every trace (SVG or WebGL) is drawn.
  const drawn = (gd) => Boolean(gd._fullLayout && gd._fullLayout._replotting === false && gd.calcdata
    && gd._fullData && gd._fullData.length > 0);
  const sample = (values) => {
    if (!values || typeof values.length !== "number") return "";
    const n = values.length;
    return n ? `${n}:${values[0]}|${values[n >> 1]}|${values[n - 1]}` : "0";
  };
  const print = (gd) => gd._fullData.map((t) => `${t.type}/${t.name}/${t._length}/${sample(t.x)}/${sample(t.y)}/${sample(t.z)}`).join(";");
  const running = () => document.querySelector('[data-testid="stApp"]')?.getAttribute("data-test-script-state") === "running";
  const marks = (gds) => gds.reduce((n, gd) => n + gd._fullData.reduce((m, t) => m + (t._length || 0), 0), 0);

  function frame() {
    const now = performance.now();
    const text = caption();
    const gds = plots();
    const allDrawn = gds.length > 0 && gds.every(drawn);
    if (state.openCaption === null && text) state.openCaption = now;
    if (state.openChart === null && allDrawn) state.openChart = now;
    if (state.pressed !== null) {
      if (running()) state.sawRunning = true;
      if (state.caption === null && text && text !== state.beforeText) state.caption = now - state.pressed;
      const fresh = allDrawn ? gds.filter((gd) => !state.beforePrints.has(print(gd))) : [];
      if (state.chart === null && fresh.length) {
        state.chart = now - state.pressed;
        state.marks = marks(fresh);
      }
      if (state.runEnd === null && state.sawRunning && !running()) state.runEnd = now - state.pressed;
    }
    state.text = text;
    requestAnimationFrame(frame);
  }
  requestAnimationFrame(frame);
  document.addEventListener("mousedown", () => {
    if (state.armed && state.pressed === null) state.pressed = performance.now();
  }, true);

  window.__pagebench = {
    opened: () => (state.openCaption !== null && state.openChart !== null
      ? { caption: state.openCaption, chart: state.openChart, text: state.text } : null),
    idle: () => !running(),
    arm: () => {
      Object.assign(state, { armed: true, pressed: null, caption: null, chart: null, runEnd: null, sawRunning: false,
        beforeText: caption(), beforePrints: new Set(plots().filter(drawn).map(print)) });
    },
    changed: () => (state.caption !== null && state.chart !== null && !running()
      ? { caption: state.caption, chart: state.chart, runEnd: state.runEnd, text: state.text, marks: state.marks } : null),
  };
})();
