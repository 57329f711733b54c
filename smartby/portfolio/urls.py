from django.urls import URLPattern

app_name = "portfolio"

urlpatterns: list[URLPattern] = []
