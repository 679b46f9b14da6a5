(function () {
  // Scripts run: hide what is only for readers without JavaScript (`.no-js`).
  document.documentElement.setAttribute('data-js', '');
  var meta = document.querySelector('meta[name="krasa-app"]');
  if (!meta) return;
  var files = meta.content.split(' ');
  var started = false;
  var ready = false;
  // Named points of the start-up (bench/startup.js reads them); the app marks its own start
  // and the end of its first render.
  function mark(name) {
    if (window.performance && performance.mark) performance.mark('krasa:' + name);
  }
  // The wasm is compiled while it downloads (off the main thread), then instantiated in a
  // task of its own; where streaming compilation is refused (a host sending the wrong
  // type), wasm-bindgen's loader fetches and compiles it itself.
  function compile(url) {
    if (!WebAssembly.compileStreaming) return Promise.resolve(url);
    return WebAssembly.compileStreaming(fetch(url)).catch(function () {
      return url;
    });
  }
  // A pointer pressed on the page: the app does not replace the page under it (a press and
  // its release on different elements would be no click), it waits for the release.
  var pressed = false;
  var onRelease = null;
  addEventListener('pointerdown', function () { pressed = true; }, true);
  function up() {
    pressed = false;
    var go = onRelease;
    onRelease = null;
    if (go) setTimeout(go, 0); // the click, if any, is dispatched first
  }
  addEventListener('pointerup', up, true);
  addEventListener('pointercancel', up, true);
  // A link followed before the app runs loads its page: the app does not start under the
  // page being left (its start-up task would hold the page load up). Should the page stay
  // (no page load came, or it is shown again from the back-forward cache), it starts then.
  var leaving = false;
  var onStay = null;
  function stay() {
    leaving = false;
    var go = onStay;
    onStay = null;
    if (go) go();
  }
  addEventListener('click', function (e) {
    var plain = !e.defaultPrevented && !(e.metaKey || e.ctrlKey || e.shiftKey || e.altKey);
    var a = !ready && plain && e.target.closest && e.target.closest('a[href]');
    if (!a || (a.target && a.target !== '_self') || a.hasAttribute('download')) return;
    if (a.pathname === location.pathname && a.search === location.search && a.hash) return;
    leaving = true;
    setTimeout(stay, 3000);
  });
  addEventListener('pageshow', function (e) { if (e.persisted) stay(); });
  function released() {
    return new Promise(function (go) {
      if (pressed) onRelease = go;
      else setTimeout(go, 0);
    }).then(function () {
      if (leaving) return new Promise(function (go) { onStay = go; });
    });
  }
  // A button the page shows before the app runs (the theme switch) does nothing yet: its
  // press is kept and given to the same button of the app's page once it is there.
  var kept = -1;
  function buttons() {
    return document.querySelectorAll('#app button[type="button"]');
  }
  addEventListener('click', function (e) {
    var button = !ready && e.target.closest && e.target.closest('button[type="button"]');
    if (button) kept = Array.prototype.indexOf.call(buttons(), button);
  }, true);
  function start() {
    if (started) return;
    started = true;
    mark('boot');
    Promise.all([import(files[0]), compile(files[1])]).then(function (loaded) {
      var bindings = loaded[0];
      mark('compiled');
      return released().then(function () {
        mark('instantiate');
        return bindings.default({ module_or_path: loaded[1] });
      }).then(function (wasm) {
        ready = true;
        window.wasmBindings = bindings;
        if (kept >= 0 && buttons()[kept]) buttons()[kept].click();
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
      });
    });
  }
  // The prerendered page works without the app (links load pages, the search box is a
  // form): the app starts at the reader's first sign of intent, or at once on a page that
  // needs it (the search page's results), once the page has loaded.
  var intents = ['pointermove', 'pointerdown', 'touchstart', 'keydown', 'focusin', 'scroll', 'wheel'];
  function onIntent() {
    intents.forEach(function (type) {
      removeEventListener(type, onIntent, { capture: true, passive: true });
    });
    afterLoad(start);
  }
  function afterLoad(then) {
    if (document.readyState === 'complete') then();
    else addEventListener('load', then, { once: true });
  }
  intents.forEach(function (type) {
    addEventListener(type, onIntent, { capture: true, passive: true });
  });
  afterLoad(function () {
    if (document.querySelector('[data-needs-app]')) onIntent();
  });
})();
