from django.urls import path

from smartby.subscriptions import views
from smartby.subscriptions.feeds import ProjectFeed

app_name = "subscriptions"

urlpatterns = [
    path("abonnementer/", views.subscription_list, name="list"),
    path("abonnementer/foelg/", views.follow, name="follow"),
    path("abonnementer/knap/", views.follow_box, name="follow_box"),
    path("abonnementer/ny/", views.subscribe, name="subscribe"),
    path("abonnementer/ny/sendt/", views.subscribe_sent, name="subscribe_sent"),
    path("abonnementer/<int:pk>/fjern/", views.subscription_remove, name="remove"),
    path("abonnementer/bekraeft/<str:token>/", views.confirm, name="confirm"),
    path("abonnementer/afmeld/<str:token>/", views.unsubscribe, name="unsubscribe"),
    path("feeds/projekter.atom", ProjectFeed(), name="project_feed"),
]
