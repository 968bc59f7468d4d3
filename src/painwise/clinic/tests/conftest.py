"""The clinician's pages, tested one module per view. Patients are assessed through the
service (the intake pages have their own tests)."""

OUTSIDERS = ["other_clinician", "patient", "other_patient", "admin"]
