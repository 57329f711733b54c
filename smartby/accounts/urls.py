from django.contrib.auth import views as auth_views
from django.urls import path

from smartby.accounts import twofactor_views, views

app_name = "accounts"

urlpatterns = [
    path("", views.profile, name="profile"),
    path("adgangskode/", views.change_password, name="change_password"),
    path("log-ind/", views.LoginView.as_view(), name="login"),
    path("log-ind/kode/", twofactor_views.login_code, name="login_code"),
    path("log-ud/", auth_views.LogoutView.as_view(), name="logout"),
    path("totp/", twofactor_views.setup, name="twofactor"),
    path("totp/qr.svg", twofactor_views.qr_code, name="twofactor_qr"),
    path(
        "totp/gendannelseskoder/",
        twofactor_views.regenerate_codes,
        name="twofactor_regenerate_codes",
    ),
    path("totp/slaa-fra/", twofactor_views.disable, name="twofactor_disable"),
    path("glemt-adgangskode/", views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "glemt-adgangskode/sendt/",
        views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "ny-adgangskode/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "ny-adgangskode/faerdig/",
        views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("invitationer/ny/", views.invite, name="invite"),
    path("invitation/<str:token>/", views.accept_invitation, name="accept_invitation"),
    path("brugere/", views.user_list, name="user_list"),
    path("brugere/<int:pk>/", views.user_detail, name="user_detail"),
    path("brugere/<int:pk>/rolle/", views.user_role, name="user_role"),
    path("brugere/<int:pk>/aktiv/", views.user_active, name="user_active"),
    path("brugere/<int:pk>/totp/nulstil/", twofactor_views.reset, name="user_twofactor_reset"),
    path(
        "brugere/<int:pk>/medlemskaber/",
        views.user_add_membership,
        name="user_add_membership",
    ),
    path(
        "brugere/<int:pk>/medlemskaber/<int:org_pk>/fjern/",
        views.user_remove_membership,
        name="user_remove_membership",
    ),
]
