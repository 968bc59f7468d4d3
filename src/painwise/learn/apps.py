from django.apps import AppConfig


class LearnConfig(AppConfig):
    name = "painwise.learn"
    label = "learn"
    verbose_name = "Learn and reprocess"

    def ready(self) -> None:
        from painwise.learn import content, practices

        content.library()  # a broken lesson file stops the start, with its name and problem
        practices.register()
