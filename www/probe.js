// Runs before the app: an engine without WebAssembly (or one that rejects this module)
// gets a clear message instead of a blank page.
(function () {
  // The probe runs in <head>, before #boot exists: show the message once it does.
  function say(msg) {
    var show = function () {
      var el = document.getElementById('boot');
      if (el) { el.textContent = msg; el.className = 'boot error'; }
    };
    if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', show); else show();
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    say('此浏览器不支持 WebAssembly，无法运行年报校验。请改用新版 Chrome、Edge、Firefox，或 360/QQ 浏览器的极速模式。');
    return;
  }
  // Until the app replaces #boot, a failure to start is shown there. A module whose top-level
  // await rejects reports an 'error' event; a stray promise an 'unhandledrejection'.
  function failed(why) {
    if (document.getElementById('boot')) {
      say('年报校验未能启动（' + why + '）。请改用新版浏览器（Chrome/Edge 96 以上、Firefox 89 以上，或 360/QQ 浏览器极速模式的新版内核）；若在内网部署，请确认服务器为 .wasm 文件设置了 application/wasm 类型。');
    }
  }
  window.addEventListener('error', function (e) { failed(e.message || e.error); });
  window.addEventListener('unhandledrejection', function (e) { failed(e.reason && e.reason.message || e.reason); });
})();
