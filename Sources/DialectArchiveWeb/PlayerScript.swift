/// The page's only script, served as `/static/player.js`: plays exactly a span and stops at its end.
enum PlayerScript {
    static let source = #"""
    // Plays spans of recordings. On the search page each hit's button plays the hit's span,
    // cut by the server, to its end. On a recording page a segment, or the span in the page's
    // t= parameter, plays from its start and pauses at its end; the segment under the
    // playhead is highlighted and kept in view.
    (function () {
      'use strict';

      var spanPlayer = document.getElementById('span-player');
      if (spanPlayer) {
        var buttons = document.querySelectorAll('button.play');
        var clear = function () {
          buttons.forEach(function (b) { b.classList.remove('playing'); });
        };
        buttons.forEach(function (button) {
          button.addEventListener('click', function () {
            clear();
            button.classList.add('playing');
            spanPlayer.dataset.startMs = button.dataset.startMs;
            spanPlayer.dataset.endMs = button.dataset.endMs;
            spanPlayer.dataset.padMs = button.dataset.padMs;
            spanPlayer.src = button.dataset.audio;
            var started = spanPlayer.play();
            if (started) { started.catch(clear); }
          });
        });
        spanPlayer.addEventListener('ended', clear);
      }

      var player = document.getElementById('recording-player');
      if (!player) { return; }
      var segments = Array.prototype.slice.call(document.querySelectorAll('a.segment'));
      var stopAt = null;
      var current = [];

      var follow = function () {
        var ms = player.currentTime * 1000;
        var now = segments.filter(function (s) {
          return ms >= Number(s.dataset.startMs) && ms < Number(s.dataset.endMs);
        });
        if (now.length === current.length && now.every(function (s, i) { return s === current[i]; })) { return; }
        current.forEach(function (s) { s.classList.remove('current'); });
        now.forEach(function (s) { s.classList.add('current'); });
        if (now.length > 0) { now[0].scrollIntoView({ block: 'nearest' }); }
        current = now;
      };

      var watch = function () {
        if (stopAt !== null && player.currentTime >= stopAt) {
          player.pause();
          stopAt = null;
        }
        follow();
      };
      setInterval(watch, 10);

      var playSpan = function (startMs, endMs) {
        stopAt = endMs / 1000;
        player.currentTime = startMs / 1000;
        var started = player.play();
        if (started) { started.catch(function () { stopAt = null; }); }
      };

      segments.forEach(function (segment) {
        segment.addEventListener('click', function (event) {
          event.preventDefault();
          history.replaceState(null, '', segment.getAttribute('href'));
          playSpan(Number(segment.dataset.startMs), Number(segment.dataset.endMs));
        });
      });

      if (player.dataset.startMs !== undefined) {
        var start = function () { playSpan(Number(player.dataset.startMs), Number(player.dataset.endMs)); };
        if (player.readyState >= 1) { start(); } else { player.addEventListener('loadedmetadata', start, { once: true }); }
      }
    })();
    """#
}
