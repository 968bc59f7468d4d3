from django.apps import AppConfig


class RecordsConfig(AppConfig):
    """A person's whole record: the FHIR export, their data download, account deletion."""

    name = "painwise.records"
    label = "records"

    def ready(self) -> None:
        from painwise.records import export  # noqa: F401 - registers its audit actions
