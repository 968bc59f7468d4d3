// Progressive enhancement: preselect the browser's own time zone in any time zone field the
// person has not changed yet. Without JavaScript the field simply stays as the server set it.
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  document.querySelectorAll('select[data-browser-time-zone]').forEach(function (select) {
    if (select.dataset.touched || select.value !== 'UTC') return;
    for (var i = 0; i < select.options.length; i++) {
      if (select.options[i].value === zone) { select.value = zone; break; }
    }
  });
})();
