"""See meetings/urls.py."""

urlpatterns: list = []
