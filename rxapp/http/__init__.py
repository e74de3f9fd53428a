"""The HTTP endpoints in front of Reflex, on a Starlette router (``rx.App(api_transformer=...)``):
the directory snapshot, QR codes, the installable app, reports, the desk's content files, the
language redirects and the prerendered pages' URLs. No Reflex import."""

from rxapp.http.convertors import register

register()  # before any module of the package builds a route with a typed parameter
