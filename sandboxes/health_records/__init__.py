"""Sandbox of the health-record source (HL7 FHIR R4, JSON): electronic birth certificates, death notices and
drivers' health certificates of the shared synthetic people (sandboxes/people.py). Nobody here exists."""

DEFAULT_PORT = 8005
