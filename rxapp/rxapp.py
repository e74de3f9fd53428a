"""The Paso app: head (language, worker-free reading), pages per locale, the ASGI front."""

from __future__ import annotations

import json

import reflex as rx

from rxapp import jobs, reflex_compat, registry, routes
from rxapp.components import connection
from rxapp.components.layout import LOCATION
from rxapp.http.app import api_transformer
from rxapp.http.redirects import LANGUAGE_REDIRECTS
from rxapp.i18n.catalogs import Translator
from rxapp.i18n.locales import info as locale_info
from rxapp.reading.not_found import not_found_page
from rxapp.settings import get_settings
from rxapp.state.desk import DeskState
from rxapp.taxonomy import NEEDS

settings = get_settings()
LOCALES = settings.locales
DIRECTIONS = {tag: locale_info(tag).direction for tag in LOCALES}

# Runs while the <head> is parsed, before any Reflex script:
# - on a public reading page, report the backend as disabled (Reflex's own switch, the
#   `backend-enabled=false` cookie, read through document.cookie) so no websocket opens;
# - outside production the server cannot redirect "/" and "/desk", so pick the language here;
# - remember a language chosen in the switcher; once React runs, the switcher's links navigate
#   on the client (no page load: the new locale's page paints from modules already cached) and
#   carry the query string themselves (rxapp/components/layout.py); before that, a full load.
# - the installable app: manifest in the page's language, the service worker, its messages
#   (saved for offline, new version ready) and the install prompt, as `window.__paso` events
#   that assets/paso/directory.js turns into client state. After a public page has loaded,
#   the worker saves the locale's pages and whole directory for offline use; `P.saved` lists
#   the languages saved on this phone, `P.keep(tag)` saves one more (a person may read two),
#   and a tap on a language that is not saved, offline, stays on the page and says so;
# - the directory index is preloaded while the page parses, not after hydration.
_PAGES = [
    routes.home("@"),
    *(routes.need("@", n.slug) for n in NEEDS),
    routes.search("@"),
    routes.service("@"),
    routes.about("@"),
    routes.register("@"),
]
PWA = f"""var P=window.__paso={{warmed:null,update:null,install:null,saved:[],unsaved:'',fromSaved:false}},E=function(n){{dispatchEvent(new Event('paso-'+n));}};
function pages(l){{return {json.dumps(_PAGES)}.map(function(p){{return p.replace('@',l);}});}}
function keep(l){{if(l&&P.saved.indexOf(l)<0){{P.saved.push(l);E('saved');}}}}
if(window.caches)L.forEach(function(l){{Promise.all([caches.match('/__paso/warmed/'+l),caches.match('/api/directory/'+l+'/index.json',{{ignoreVary:true}})]).then(function(r){{if(r[0]&&r[1])keep(l);}},function(){{}});}});
var ml=document.createElement('link');ml.rel='manifest';ml.href='/manifest/'+(R[t]?t:D)+'.webmanifest';document.head.appendChild(ml);
if(R[t]){{var pl=document.createElement('link');pl.rel='preload';pl.as='fetch';pl.crossOrigin='anonymous';pl.href='/api/directory/'+t+'/index.json';document.head.appendChild(pl);}}
addEventListener('beforeinstallprompt',function(e){{e.preventDefault();P.install=e;E('install');}});
if('serviceWorker' in navigator){{var sw=navigator.serviceWorker,had=!!sw.controller;
 sw.addEventListener('message',function(e){{if(e.data&&e.data.type==='warmed'){{P.warmed=e.data;keep(e.data.locale);E('warmed');}}}});
 P.keep=function(l){{return sw.ready.then(function(reg){{reg.active.postMessage({{type:'warm',locale:l,pages:pages(l)}});}});}};
 sw.addEventListener('controllerchange',function(){{if(had)location.reload();had=true;}});
 sw.register('/sw.js').then(function(reg){{
  function ready(w){{P.update=w;E('update');}}
  if(reg.waiting&&sw.controller)ready(reg.waiting);
  reg.addEventListener('updatefound',function(){{var w=reg.installing;w&&w.addEventListener('statechange',function(){{if(w.state==='installed'&&sw.controller)ready(w);}});}});
 }}).catch(function(){{}});
 if(R[t]&&PUBLIC.test(location.pathname))addEventListener('load',function(){{sw.ready.then(function(reg){{
  reg.active&&reg.active.postMessage({{type:'warm',locale:t,pages:pages(t)}});}});}});
}}"""
BOOT = f"""(function(){{
var PUBLIC=new RegExp({json.dumps(routes.public_path_pattern(LOCALES))});
var L={json.dumps(LOCALES)},D={json.dumps(settings.default_locale)},R={json.dumps(DIRECTIONS)};
var d=Object.getOwnPropertyDescriptor(Document.prototype,'cookie');
Object.defineProperty(document,'cookie',{{configurable:true,
 get:function(){{var c=d.get.call(document);return PUBLIC.test(location.pathname)?(c?c+'; ':'')+'backend-enabled=false':c;}},
 set:function(v){{d.set.call(document,v);}}}});
var t=location.pathname.split('/')[1];
if(R[t]){{document.documentElement.lang=t;document.documentElement.dir=R[t];}}
var G={json.dumps({path: route.replace("/{locale}", "") for path, route in LANGUAGE_REDIRECTS.items()})}[location.pathname];
if(G!==undefined){{var m=d.get.call(document).match(/(?:^|; )paso_locale=([^;]+)/),s=m&&m[1];
 if(L.indexOf(s)<0){{s=null;(navigator.languages||[]).some(function(x){{x=x.toLowerCase().split('-')[0];if(L.indexOf(x)>=0){{s=x;return true;}}}});}}
 location.replace('/'+(s||D)+G);}}
document.addEventListener('click',function(e){{var a=e.target.closest&&e.target.closest('a[data-locale]');if(!a)return;
 // Offline (or reading the saved directory), a language this phone has not saved cannot open:
 // stay, and say so (assets/paso/directory.js shows P.unsaved by the switcher).
 var to=a.dataset.locale;if(to!==location.pathname.split('/')[1]&&(!navigator.onLine||P.fromSaved)&&P.saved.indexOf(to)<0){{
  e.preventDefault();e.stopPropagation();P.unsaved=to;E('unsaved');return;}}
 d.set.call(document,'paso_locale='+a.dataset.locale+'; path=/; max-age=31536000; samesite=lax');
 var ml=document.querySelector('link[rel=manifest]');if(ml)ml.href='/manifest/'+a.dataset.locale+'.webmanifest';
 if(!Object.keys(a).some(function(k){{return k.indexOf('__reactProps')===0;}})){{e.preventDefault();e.stopPropagation();location.assign(a.getAttribute('href')+location.search);}}}},true);
// The language menu opened: preload the route modules of the same page in the other
// languages (from React Router's manifest), so the tap on a language paints without waiting
// for the network.
var pre={{}};document.addEventListener('toggle',function(e){{var m=window.__reactRouterManifest,t=e.target;
 if(!m||!t.open||!t.querySelector||!t.querySelector('a[data-locale]'))return;
 t.querySelectorAll('a[data-locale]').forEach(function(a){{var p=new URL(a.href).pathname.replace(/^\\/|\\/$/g,'');
  Object.values(m.routes).forEach(function(r){{if(r.path!==p)return;[r.module].concat(r.imports||[]).forEach(function(u){{
   if(pre[u])return;pre[u]=1;var l=document.createElement('link');l.rel='modulepreload';l.href=u;document.head.appendChild(l);}});}});}});}},true);
{PWA}
}})();"""

_TAG = f"(({json.dumps(DIRECTIONS)})[useLocation().pathname.split('/')[1]] ? useLocation().pathname.split('/')[1] : {json.dumps(settings.default_locale)})"
HTML_LANG = rx.Var(_TAG, _var_data=LOCATION)
HTML_DIR = rx.Var(f"({json.dumps(DIRECTIONS)})[{_TAG}]", _var_data=LOCATION)

app = rx.App(
    head_components=[
        rx.el.script(BOOT),
        rx.el.meta(name="theme-color", content="#134e4a"),
        rx.el.link(rel="icon", href="/favicon.svg", type="image/svg+xml"),
    ],
    html_custom_attrs={"lang": HTML_LANG, "dir": HTML_DIR},
    toaster=None,
    api_transformer=api_transformer(settings),
)
reflex_compat.replace_connection_overlay(app, connection.overlay)
app.register_lifespan_task(jobs.retention_loop)


def register(locale: str) -> None:
    """Add every page of the registry (rxapp/registry.py) in one locale."""
    _ = Translator(locale)
    desk_title = _("Paso desk")
    for page in registry.PAGES:
        if page is registry.NEED:
            for need in NEEDS:
                app.add_page(
                    reflex_compat.page_function(registry.view(page), page.name, locale, need.slug),
                    route=routes.need(locale, need.slug),
                    title=page.title_format.format(title=_(need.label)),
                )
            continue
        if page.desk:
            # Desk pages load once the session check passes (also after a sign-in or unlock on
            # that page; see rxapp/state/desk.py).
            load = registry.resolve(page.load) if page.load else None
            on_load = [DeskState.check, load] if load is not None else DeskState.check
        else:
            on_load = None
        title = desk_title if page.desk else page.title_format.format(title=_(page.title))
        app.add_page(
            reflex_compat.page_function(registry.view(page), page.name, locale),
            route=page.route.format(locale=locale),
            title=title,
            on_load=on_load,
        )


for _locale in LOCALES:
    register(_locale)
app.add_page(not_found_page, route="404", title="Paso")
