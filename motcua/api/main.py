"""The JSON API (django-ninja, OpenAPI 3.1 at /api/openapi.json). Each room adds its router here."""

from .assistant import router as assistant_router
from .catalogue import router as catalogue_router
from .dossiers import router as dossiers_router
from .errors import install_error_handlers
from .office import router as office_router
from .openapi import DocumentedAPI

api = DocumentedAPI(title="motcua API", version="1", description="API của hệ thống một cửa motcua.", urls_namespace="api")
install_error_handlers(api)
api.add_router("/procedures", catalogue_router)
api.add_router("/dossiers", dossiers_router)
api.add_router("/assistant", assistant_router)
api.add_router("", office_router)  # /queue, /appointments, /programmes, /home-visits
