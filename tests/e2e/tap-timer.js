// An in-page timer of taps, for the start-up test (tests/e2e/startup.spec.js) and benchmark
// (bench/startup.js): given to `page.addInitScript`, it runs in every document of the page.

/** When a click happens, and when the page it asked for (its `main h1` reads sessionStorage's
 * `want`) is on screen: by the app (the heading changes in place) or by a page load (the new
 * document's first paint). Epoch ms in sessionStorage (`tap`, `landed`). */
function timeTaps() {
  const now = () => performance.timeOrigin + performance.now();
  addEventListener('click', (e) => {
    sessionStorage.setItem('tap', String(performance.timeOrigin + e.timeStamp));
    const check = () => {
      const h = document.querySelector('main h1');
      if (h && h.textContent.trim() === sessionStorage.getItem('want')) sessionStorage.setItem('landed', String(now()));
      else requestAnimationFrame(check);
    };
    requestAnimationFrame(check);
  }, true);
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.name === 'first-contentful-paint' && sessionStorage.getItem('tap') && !sessionStorage.getItem('landed')) {
        sessionStorage.setItem('landed', String(performance.timeOrigin + e.startTime));
      }
    }
  }).observe({ type: 'paint', buffered: true });
}

module.exports = { timeTaps };
