// PixFlow payment page: follows one payment live and shows its outcome without a reload.
//
// Everything it needs comes from data-* attributes the server rendered (no inline script: the page's CSP
// allows only this file). The server pre-renders one panel per state; this script only switches which one is
// visible. The WebSocket /ws/payments/{id} sends {"type": ..., "payment": {"status": ...}}: a snapshot on
// every (re)connection, then one message per change. If the socket cannot connect at all, the script polls
// the JSON resource instead, and keeps trying the socket in the background.
(function () {
  'use strict';

  const PANELS = {
    PENDING: 'status-pending',
    PAID: 'status-paid',
    EXPIRED: 'status-expired',
    CANCELLED: 'status-cancelled'
  };
  const BACKOFF_BASE_MS = 1000;
  const BACKOFF_CAP_MS = 30000;
  const FAILURES_BEFORE_POLLING = 3;
  // A connection that lived this long was healthy: after it drops, the backoff starts again from the base.
  const STABLE_CONNECTION_MS = 10000;
  const POLL_INTERVAL_MS = 4000;
  const CLOSE_UNKNOWN_PAYMENT = 4404;

  const root = document.getElementById('payment');
  if (!root) {
    return;
  }

  const state = {
    finished: root.dataset.status !== 'PENDING',
    expiredLocally: false,
    socket: null,
    attempt: 0,
    failuresInARow: 0,
    reconnectTimer: null,
    pollTimer: null,
    polling: false,
    countdownTimer: null
  };

  function byId(id) {
    return document.getElementById(id);
  }

  function isKnown(status) {
    return typeof status === 'string' && Object.prototype.hasOwnProperty.call(PANELS, status);
  }

  // Shows the panel for status. A PENDING answer never undoes an expiry the countdown already showed.
  function show(status) {
    if (!isKnown(status) || (status === 'PENDING' && state.expiredLocally)) {
      return;
    }
    Object.keys(PANELS).forEach(function (key) {
      const panel = byId(PANELS[key]);
      if (panel) {
        panel.hidden = key !== status;
      }
    });
    root.dataset.status = status;
    const visible = byId(PANELS[status]);
    if (visible && visible.dataset.title) {
      document.title = visible.dataset.title;
    }
  }

  // A status the server reported. A final one ends all following.
  function apply(status) {
    if (state.finished || !isKnown(status)) {
      return;
    }
    show(status);
    if (status !== 'PENDING') {
      finish();
    }
  }

  function finish() {
    state.finished = true;
    clearTimeout(state.reconnectTimer);
    clearTimeout(state.countdownTimer);
    stopPolling();
    setReconnecting(false);
    const socket = state.socket;
    state.socket = null;
    if (socket) {
      socket.close(1000);
    }
  }

  function setReconnecting(on) {
    const note = byId('connection-status');
    if (note) {
      note.hidden = !on;
    }
  }

  // --- WebSocket, reconnected with exponential backoff and jitter ------------------------------------------

  function socketUrl() {
    const scheme = window.location.protocol === 'https:' ? 'wss:' : 'ws:';
    return scheme + '//' + window.location.host + root.dataset.wsPath;
  }

  function connect() {
    state.reconnectTimer = null;
    if (state.finished) {
      return;
    }
    let socket;
    try {
      socket = new WebSocket(socketUrl());
    } catch (e) {
      reconnectLater(false);
      return;
    }
    let openedAt = null;
    state.socket = socket;
    socket.onopen = function () {
      openedAt = Date.now();
      state.failuresInARow = 0;
      stopPolling();
      setReconnecting(false);
    };
    socket.onmessage = function (event) {
      const message = parse(event.data);
      if (message && message.payment) {
        // From the first snapshot on, the page hears every change as it happens (tests wait for this too).
        root.dataset.connection = 'live';
        apply(message.payment.status);
      }
    };
    socket.onclose = function (event) {
      if (state.socket !== socket) {
        return;
      }
      state.socket = null;
      if (state.finished) {
        return;
      }
      root.dataset.connection = 'lost';
      if (event.code === CLOSE_UNKNOWN_PAYMENT) {
        // This socket server does not know the payment the page showed: retrying cannot help, asking can.
        startPolling();
        return;
      }
      if (openedAt !== null && Date.now() - openedAt >= STABLE_CONNECTION_MS) {
        state.attempt = 0;
      }
      reconnectLater(openedAt !== null);
    };
  }

  function reconnectLater(hadOpened) {
    setReconnecting(true);
    if (!hadOpened) {
      state.failuresInARow += 1;
      if (state.failuresInARow >= FAILURES_BEFORE_POLLING) {
        startPolling();
      }
    }
    const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * Math.pow(2, state.attempt));
    state.attempt += 1;
    // Half fixed, half random: pages that lost the same server do not all come back in the same instant.
    const delay = ceiling / 2 + Math.random() * ceiling / 2;
    state.reconnectTimer = setTimeout(connect, delay);
  }

  function parse(text) {
    try {
      return JSON.parse(text);
    } catch (e) {
      return null;
    }
  }

  // --- Polling fallback -----------------------------------------------------------------------------------

  function startPolling() {
    if (state.polling || state.finished) {
      return;
    }
    state.polling = true;
    poll();
  }

  function stopPolling() {
    state.polling = false;
    clearTimeout(state.pollTimer);
    state.pollTimer = null;
  }

  function poll() {
    readStatusOnce().then(function () {
      if (state.polling && !state.finished) {
        state.pollTimer = setTimeout(poll, POLL_INTERVAL_MS);
      }
    });
  }

  function readStatusOnce() {
    return fetch(root.dataset.jsonUrl, {
      headers: { Accept: 'application/json' },
      cache: 'no-store',
      credentials: 'same-origin'
    }).then(function (response) {
      return response.ok ? response.json() : null;
    }).then(function (payment) {
      if (payment) {
        apply(payment.status);
      }
    }).catch(function () {
      // Offline or a server hiccup: the next poll or the socket will tell.
    });
  }

  // --- Countdown ------------------------------------------------------------------------------------------

  function formatCountdown(ms) {
    const total = Math.max(0, Math.ceil(ms / 1000));
    const hours = Math.floor(total / 3600);
    const minutes = Math.floor(total % 3600 / 60);
    const seconds = total % 60;
    const two = function (n) { return (n < 10 ? '0' : '') + n; };
    return hours > 0 ? hours + ':' + two(minutes) + ':' + two(seconds) : two(minutes) + ':' + two(seconds);
  }

  function startCountdown() {
    const clock = byId('countdown');
    if (!clock) {
      return;
    }
    // Relative to this device's clock when the page loaded, so a phone whose clock is off still counts right.
    const deadline = Date.now() + Number(clock.dataset.msLeft || 0);
    function tick() {
      if (state.finished) {
        return;
      }
      const left = deadline - Date.now();
      clock.textContent = formatCountdown(left);
      if (left <= 0) {
        // Show it now; the server's "expired" event (or a PAID that beat the deadline) settles it.
        show('EXPIRED');
        state.expiredLocally = true;
        if (!state.socket) {
          readStatusOnce();
        }
        return;
      }
      state.countdownTimer = setTimeout(tick, left % 1000 || 1000);
    }
    tick();
  }

  // --- Copy and paste -------------------------------------------------------------------------------------

  function flash(id) {
    ['copy-feedback', 'copy-failed'].forEach(function (other) {
      const note = byId(other);
      if (note) {
        note.hidden = other !== id;
      }
    });
  }

  function copyWithSelection(field) {
    field.focus();
    field.select();
    try {
      return document.execCommand('copy');
    } catch (e) {
      return false;
    }
  }

  function setUpCopy() {
    const field = byId('pix-copy-paste');
    const button = byId('copy-button');
    if (!field || !button) {
      return;
    }
    field.addEventListener('focus', function () { field.select(); });
    button.addEventListener('click', function () {
      // navigator.clipboard exists only on secure origins (HTTPS or localhost).
      const copied = navigator.clipboard && window.isSecureContext
        ? navigator.clipboard.writeText(field.value).then(function () { return true; }, function () {
          return copyWithSelection(field);
        })
        : Promise.resolve(copyWithSelection(field));
      copied.then(function (ok) { flash(ok ? 'copy-feedback' : 'copy-failed'); });
    });
  }

  // --- Sandbox: simulate the bank's confirmation ----------------------------------------------------------

  function setUpSimulation() {
    const button = byId('simulate-payment');
    if (!button) {
      return;
    }
    button.addEventListener('click', function () {
      const value = button.dataset.value;
      if (!/^\d+\.\d{2}$/.test(value)) {
        return;
      }
      button.disabled = true;
      byId('simulate-failed').hidden = true;
      // The amount goes out as the exact decimal the server rendered, never through a binary float.
      const body = '{"bank_payment_id":' + JSON.stringify(button.dataset.bankPaymentId) + ',"value":' + value + '}';
      fetch(button.dataset.confirmationUrl, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        credentials: 'same-origin',
        body: body
      }).then(function (response) {
        if (!response.ok) {
          throw new Error('HTTP ' + response.status);
        }
        // The socket's "confirmed" event flips the page; reading once covers a socket that is down.
        return readStatusOnce();
      }).catch(function () {
        byId('simulate-failed').hidden = false;
        button.disabled = false;
      });
    });
  }

  // --- Start ----------------------------------------------------------------------------------------------

  document.addEventListener('visibilitychange', function () {
    // A phone waking up: do not wait out the backoff to learn what happened meanwhile.
    if (document.visibilityState === 'visible' && !state.finished && !state.socket && state.reconnectTimer) {
      clearTimeout(state.reconnectTimer);
      connect();
    }
  });

  if (!state.finished) {
    setUpCopy();
    setUpSimulation();
    startCountdown();
    connect();
  }
})();
