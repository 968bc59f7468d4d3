// Progressive enhancement: fill an empty time zone field with the browser's own zone. Without
// JavaScript the field stays empty and the person types their city (the list suggests zones).
(function () {
  var zone;
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone; } catch (e) { return; }
  if (!zone) return;
  document.querySelectorAll('input[data-browser-time-zone]').forEach(function (input) {
    if (input.value === '') input.value = zone;
  });
})();
