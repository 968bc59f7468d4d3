from django.apps import AppConfig


class NeurofeedbackConfig(AppConfig):
    name = "painwise.neurofeedback"
    label = "neurofeedback"
    verbose_name = "EEG neurofeedback"

    def ready(self) -> None:
        from painwise.neurofeedback import practices

        practices.register()
