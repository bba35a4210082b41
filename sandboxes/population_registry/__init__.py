"""Sandbox of the national population database (CSDLQG về dân cư), answering over HTTP/JSON.

Its records are the synthetic people of `sandboxes.people`; every answer says `du_lieu_mo_phong: true`.
"""

DEFAULT_PORT = 8002
TOKEN = "sandbox-population-registry"  # the adapter sends it as a bearer token, as it would a real one
