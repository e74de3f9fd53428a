// The head script: runs while <head> is parsed, before any Reflex script.
//
// A classic script, not a module: rxapp/head.py reads this file when the app is built and
// inlines it in every page after one line of configuration,
//   var pasoBoot = {locales, directions, defaultLocale, publicPath, redirects, pages};
// so a first visit costs no extra request (cheap phones, bad connections). It is written in
// ES5 (no arrows, no let) so that even an old phone browser runs it: the language choice
// and the offline copy must work there too.
//
// What it does:
// - on a public reading page, report the backend as disabled (Reflex's own switch, the
//   `backend-enabled=false` cookie, read through document.cookie) so no websocket opens;
// - set <html lang dir> from the path at once (React sets them again when it runs);
// - outside production the server cannot redirect "/" and "/desk": pick the language here
//   (the cookie a language switch left, else the browser's languages, else the default);
// - remember a language chosen in the switcher; once React runs, the switcher's links
//   navigate on the client and carry the query string themselves (components/layout.py);
//   before that, a full load. Offline, a language this phone has not saved stays unopened;
// - when the language menu opens, preload the other languages' route modules;
// - the installable app: the manifest in the page's language, the directory index preloaded,
//   the service worker (assets/paso/sw.js), its messages and the install prompt, kept in
//   `window.__paso` and announced as `paso-*` window events that assets/paso/directory.js
//   turns into the `pasoapp` client state (assets/paso/README.md: how JS reaches Reflex);
// - on a service page, its data asked for at once: the index, then the detail part holding the
//   service, left in `window.__pasoEarly` for directory.js (issue 17: 5.4 s LCP cold).
//
// The functions before `boot` are pure: tests/js/boot.test.mjs runs them (and `boot` with a
// fake window) in node's `vm`. In the page they are local to the function Python wraps
// around this file.

/** Whether `tag` is one of the app's locales (`directions` maps each to "ltr" or "rtl"). */
function isLocale(tag, directions) {
  return typeof tag === "string" && Object.prototype.hasOwnProperty.call(directions, tag);
}

/** The first segment of a path: "/ar/search" -> "ar". */
function firstSegment(path) {
  return path.split("/")[1];
}

/** The locale a path starts with, or null. */
function pathLocale(path, directions) {
  var tag = firstSegment(path);
  return isLocale(tag, directions) ? tag : null;
}

/** What document.cookie says: on a public page, Reflex's switch that keeps the websocket shut. */
function withBackendOff(cookie, path, publicPath) {
  if (!publicPath.test(path)) return cookie;
  return (cookie ? cookie + "; " : "") + "backend-enabled=false";
}

/** The language a person chose: the `paso_locale` cookie, else the first of the browser's
 * languages (primary subtag) that the app has; null when none. */
function chosenLocale(cookie, languages, locales) {
  var match = cookie.match(/(?:^|; )paso_locale=([^;]+)/);
  var chosen = match && match[1];
  if (locales.indexOf(chosen) >= 0) return chosen;
  chosen = null;
  (languages || []).some(function (language) {
    var primary = language.toLowerCase().split("-")[0];
    if (locales.indexOf(primary) >= 0) {
      chosen = primary;
      return true;
    }
    return false;
  });
  return chosen;
}

/** Where a path without a language goes ("/" -> "/es/"), or null when it has one. */
function redirectTarget(path, redirects, cookie, languages, config) {
  if (!Object.prototype.hasOwnProperty.call(redirects, path)) return null;
  return "/" + (chosenLocale(cookie, languages, config.locales) || config.defaultLocale) + redirects[path];
}

/** The pages the worker saves for offline reading in one locale ("@" stands for it). */
function pagesOf(locale, pages) {
  return pages.map(function (page) {
    return page.replace("@", locale);
  });
}

/** Whether a tap on the language `to` must stay on the page: offline (or reading the saved
 * copy), a language this phone has not saved cannot open. */
function switchBlocked(to, here, online, fromSaved, saved) {
  return to !== here && (!online || fromSaved) && saved.indexOf(to) < 0;
}

/** The cookie that remembers a language chosen in the switcher for a year. */
function localeCookie(tag) {
  return "paso_locale=" + tag + "; path=/; max-age=31536000; samesite=lax";
}

/** The manifest of one locale (the installed app's name and start page in its language). */
function manifestUrl(tag) {
  return "/manifest/" + tag + ".webmanifest";
}

/** The route modules (from React Router's manifest) of the pages at `paths`, not yet in `done`. */
function modulesFor(manifest, paths, done) {
  var urls = [];
  paths.forEach(function (path) {
    Object.values(manifest.routes).forEach(function (route) {
      if (route.path !== path) return;
      [route.module].concat(route.imports || []).forEach(function (url) {
        if (done[url]) return;
        done[url] = 1;
        urls.push(url);
      });
    });
  });
  return urls;
}

/** The detail part holding a slug: FNV-1a over UTF-8, as `bucket` in assets/paso/logic.mjs and
 * rxapp.services.snapshot (tests/js/boot.test.mjs checks they agree). */
function bucket(slug, buckets) {
  var bytes = unescape(encodeURIComponent(slug)); // UTF-8, one character per byte
  var value = 0x811c9dc5;
  for (var i = 0; i < bytes.length; i++) value = Math.imul(value ^ bytes.charCodeAt(i), 0x01000193) >>> 0;
  return value % buckets;
}

/** The service a service page shows ("/es/service/", "?id=x" -> "x"), else null. */
function serviceSlug(path, search) {
  var match = /^\/[^/]+\/service\/?$/.test(path) && /[?&]id=([^&]+)/.exec(search);
  return match ? decodeURIComponent(match[1].replace(/\+/g, " ")) : null;
}

/** The address of a part named by the index at `url`. */
function partUrl(url, name) {
  return url.slice(0, url.lastIndexOf("/") + 1) + name + ".json";
}

/** A service page's data asked for before any module has loaded: the index, then at once the
 * detail part holding `slug` (a round trip sooner than after hydration). Promises of the
 * Responses, which directory.js reads as it reads its own fetches: {url, index, parts: {url:
 * promise}, named: a promise settled once the part is asked for (or cannot be)}. */
function early(fetch, url, slug) {
  var E = { url: url, parts: {} };
  var quiet = function () {};
  E.index = fetch(url);
  E.named = E.index
    .then(function (response) {
      if (!response.ok) return;
      return response
        .clone()
        .json()
        .then(function (index) {
          var part = partUrl(url, index.details[bucket(slug, index.details.length)]);
          (E.parts[part] = fetch(part)).catch(quiet);
        });
    })
    .catch(quiet);
  return E;
}

/** Wire everything to the page (`C` is pasoBoot). */
function boot(C, window, document) {
  var location = window.location;
  var navigator = window.navigator;
  var publicPath = new RegExp(C.publicPath);
  var native = Object.getOwnPropertyDescriptor(window.Document.prototype, "cookie");
  var readCookie = function () {
    return native.get.call(document);
  };
  var writeCookie = function (value) {
    native.set.call(document, value);
  };
  Object.defineProperty(document, "cookie", {
    configurable: true,
    get: function () {
      return withBackendOff(readCookie(), location.pathname, publicPath);
    },
    set: writeCookie,
  });

  var here = pathLocale(location.pathname, C.directions);
  if (here) {
    document.documentElement.lang = here;
    document.documentElement.dir = C.directions[here];
  }
  var target = redirectTarget(location.pathname, C.redirects, readCookie(), navigator.languages, C);
  if (target !== null) location.replace(target);

  // The app's own state for directory.js, and the events that say it changed.
  var P = (window.__paso = { warmed: null, update: null, install: null, saved: [], unsaved: "", fromSaved: false });
  var announce = function (name) {
    window.dispatchEvent(new window.Event("paso-" + name));
  };
  var keep = function (tag) {
    if (tag && P.saved.indexOf(tag) < 0) {
      P.saved.push(tag);
      announce("saved");
    }
  };

  document.addEventListener(
    "click",
    function (event) {
      var link = event.target.closest && event.target.closest("a[data-locale]");
      if (!link) return;
      var to = link.dataset.locale;
      if (switchBlocked(to, firstSegment(location.pathname), navigator.onLine, P.fromSaved, P.saved)) {
        // directory.js shows P.unsaved by the switcher.
        event.preventDefault();
        event.stopPropagation();
        P.unsaved = to;
        announce("unsaved");
        return;
      }
      writeCookie(localeCookie(to));
      var manifest = document.querySelector("link[rel=manifest]");
      if (manifest) manifest.href = manifestUrl(to);
      // Before React has hydrated the link, a full load (with the query string).
      var hydrated = Object.keys(link).some(function (key) {
        return key.indexOf("__reactProps") === 0;
      });
      if (!hydrated) {
        event.preventDefault();
        event.stopPropagation();
        location.assign(link.getAttribute("href") + location.search);
      }
    },
    true
  );

  // The language menu opened: preload the route modules of the same page in the other
  // languages, so the tap on a language paints without waiting for the network.
  var preloaded = {};
  document.addEventListener(
    "toggle",
    function (event) {
      var manifest = window.__reactRouterManifest;
      var menu = event.target;
      if (!manifest || !menu.open || !menu.querySelector || !menu.querySelector("a[data-locale]")) return;
      var paths = [];
      menu.querySelectorAll("a[data-locale]").forEach(function (link) {
        paths.push(new window.URL(link.href).pathname.replace(/^\/|\/$/g, ""));
      });
      modulesFor(manifest, paths, preloaded).forEach(function (url) {
        addLink({ rel: "modulepreload", href: url });
      });
    },
    true
  );

  function addLink(attributes) {
    var link = document.createElement("link");
    Object.keys(attributes).forEach(function (key) {
      link[key] = attributes[key];
    });
    document.head.appendChild(link);
  }

  // The languages saved on this phone: the worker's mark and the directory index both cached.
  if (window.caches) {
    C.locales.forEach(function (tag) {
      Promise.all([
        window.caches.match("/__paso/warmed/" + tag),
        window.caches.match("/api/directory/" + tag + "/index.json", { ignoreVary: true }),
      ]).then(
        function (found) {
          if (found[0] && found[1]) keep(tag);
        },
        function () {}
      );
    });
  }
  addLink({ rel: "manifest", href: manifestUrl(here || C.defaultLocale) });
  // The directory index is preloaded while the page parses, not after hydration.
  if (here) {
    var index = "/api/directory/" + here + "/index.json";
    addLink({ rel: "preload", as: "fetch", crossOrigin: "anonymous", href: index });
    // A service page's content is in its detail part: boot.js asks for it (takes the preload).
    var slug = serviceSlug(location.pathname, location.search);
    if (slug && window.fetch) window.__pasoEarly = early(window.fetch.bind(window), index, slug);
  }
  window.addEventListener("beforeinstallprompt", function (event) {
    event.preventDefault();
    P.install = event;
    announce("install");
  });
  if ("serviceWorker" in navigator) worker(navigator.serviceWorker);

  function worker(sw) {
    var controlled = !!sw.controller;
    var warm = function (registration, tag) {
      registration.active.postMessage({ type: "warm", locale: tag, pages: pagesOf(tag, C.pages) });
    };
    sw.addEventListener("message", function (event) {
      if (event.data && event.data.type === "warmed") {
        P.warmed = event.data;
        keep(event.data.locale);
        announce("warmed");
      }
    });
    // "Also keep <language>": a person may read two.
    P.keep = function (tag) {
      return sw.ready.then(function (registration) {
        warm(registration, tag);
      });
    };
    // A new version took over (after "Update now"): reload into it.
    sw.addEventListener("controllerchange", function () {
      if (controlled) location.reload();
      controlled = true;
    });
    sw.register("/sw.js")
      .then(function (registration) {
        var ready = function (waiting) {
          P.update = waiting;
          announce("update");
        };
        if (registration.waiting && sw.controller) ready(registration.waiting);
        registration.addEventListener("updatefound", function () {
          var installing = registration.installing;
          if (!installing) return;
          installing.addEventListener("statechange", function () {
            if (installing.state === "installed" && sw.controller) ready(installing);
          });
        });
      })
      .catch(function () {});
    // After a public page has loaded, the worker saves the locale's pages and whole directory.
    if (here && publicPath.test(location.pathname)) {
      window.addEventListener("load", function () {
        sw.ready.then(function (registration) {
          if (registration.active) warm(registration, here);
        });
      });
    }
  }
}

if (typeof pasoBoot !== "undefined") boot(pasoBoot, window, document);
