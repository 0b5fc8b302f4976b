from django.apps import AppConfig


class AccountsConfig(AppConfig):
    name = "accounts"
    verbose_name = "Users and roles"

    def ready(self) -> None:
        from django.contrib.auth.signals import user_logged_in

        from .two_factor import remember_authenticator

        user_logged_in.connect(remember_authenticator, dispatch_uid="accounts.remember_authenticator")
