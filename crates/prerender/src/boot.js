(function () {
  // Scripts run: hide what is only for readers without JavaScript (`.no-js`).
  document.documentElement.setAttribute('data-js', '');
  var meta = document.querySelector('meta[name="krasa-app"]');
  if (!meta) return;
  var files = meta.content.split(' ');
  var started = false;
  function start() {
    if (started) return;
    started = true;
    import(files[0]).then(function (bindings) {
      return bindings.default({ module_or_path: files[1] }).then(function (wasm) {
        window.wasmBindings = bindings;
        dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm: wasm } }));
      });
    });
  }
  function afterLoad(then) {
    if (document.readyState === 'complete') then();
    else addEventListener('load', then, { once: true });
  }
  function soon() {
    setTimeout(start, 0);
  }
  var types = (window.PerformanceObserver && PerformanceObserver.supportedEntryTypes) || [];
  if (types.indexOf('paint') >= 0) {
    new PerformanceObserver(function (list, observer) {
      var painted = list.getEntries().some(function (e) {
        return e.name === 'first-contentful-paint';
      });
      if (painted) {
        observer.disconnect();
        afterLoad(soon);
      }
    }).observe({ type: 'paint', buffered: true });
    afterLoad(function () {
      setTimeout(start, 3000);
    });
  } else {
    afterLoad(function () {
      requestAnimationFrame(soon);
    });
  }
})();
