from django.urls import path

from painwise.accounts import views

app_name = "accounts"

urlpatterns = [
    path("signup/", views.signup, name="signup"),
    path("login/", views.LoginView.as_view(), name="login"),
    path("logout/", views.LogoutView.as_view(), name="logout"),
    path("settings/", views.settings_view, name="settings"),
    path("settings/password/", views.password_change, name="password_change"),
    path("settings/keys/", views.tokens, name="tokens"),
    path("settings/keys/<int:pk>/revoke/", views.revoke_token, name="revoke_token"),
    path("password-reset/", views.PasswordResetView.as_view(), name="password_reset"),
    path("password-reset/sent/", views.PasswordResetDoneView.as_view(), name="password_reset_done"),
    path(
        "reset/<uidb64>/<token>/",
        views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path("reset/done/", views.PasswordResetCompleteView.as_view(), name="password_reset_complete"),
    path("link/<str:key>/", views.login_link, name="login_link"),
    path("link-by-email/", views.request_link, name="request_link"),
    path("invite/<str:key>/", views.invitation, name="invitation"),
    path("invitations/<int:pk>/", views.waiting_invitation, name="waiting_invitation"),
    path("settings/care-team/", views.care_team, name="care_team"),
    path("settings/care-team/<int:clinician_id>/unlink/", views.unlink, name="unlink"),
    path("settings/care-team/teams/<int:share_id>/stop/", views.unshare, name="unshare"),
]
