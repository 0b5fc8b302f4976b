from django.apps import AppConfig
from django.urls import register_converter


class PartnershipsConfig(AppConfig):
    name = "partnerships"

    def ready(self) -> None:
        from governance.converters import IdConverter

        register_converter(IdConverter, "id")
