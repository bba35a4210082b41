"""The electronic health-record pilot: with the citizen's consent, birth registration, death registration and
the driving-licence procedures take the birth certificate, the death notice or the driver's health certificate
from the health-record source (connections: health_records, HL7 FHIR R4) instead of an upload; the pilot
report says how often, which papers were not asked, and the days saved. On the floor of `dossiers`.
"""
