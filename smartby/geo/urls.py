from django.urls import path

app_name = "geo"

urlpatterns: list = []
