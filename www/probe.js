// Runs before the app: an engine without WebAssembly (or one that rejects this module)
// gets a clear message instead of a blank page.
(function () {
  function say(msg) {
    var el = document.getElementById('boot');
    if (el) { el.textContent = msg; el.className = 'boot error'; }
  }
  if (typeof WebAssembly !== 'object' || typeof WebAssembly.validate !== 'function') {
    say('此浏览器不支持 WebAssembly，无法运行年报校验。请改用新版 Chrome、Edge、Firefox，或 360/QQ 浏览器的极速模式。');
    return;
  }
  window.addEventListener('unhandledrejection', function (e) {
    if (document.getElementById('boot')) {
      say('年报校验未能启动（' + (e.reason && e.reason.message || e.reason) + '）。请改用新版浏览器；若在内网部署，请确认服务器为 .wasm 文件设置了 application/wasm 类型。');
    }
  });
})();
