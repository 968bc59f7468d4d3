from painwise.accounts import views
from painwise.lib.routes import routes

app_name = "accounts"

urlpatterns = routes(
    views,
    """
    signup/                                         signup
    login/                                          LoginView               login
    logout/                                         LogoutView              logout
    settings/                                       settings_view           settings
    settings/password/                              password_change
    settings/keys/                                  tokens
    settings/keys/<int:pk>/revoke/                  revoke_token
    password-reset/                                 PasswordResetView       password_reset
    password-reset/sent/                            PasswordResetDoneView   password_reset_done
    reset/<uidb64>/<token>/                         PasswordResetConfirmView  password_reset_confirm
    reset/done/                                     PasswordResetCompleteView password_reset_complete
    link/<str:key>/                                 login_link
    link-by-email/                                  request_link
    invite/<str:key>/                               invitation
    invitations/<int:pk>/                           waiting_invitation
    settings/care-team/                             care_team
    settings/care-team/<int:clinician_id>/unlink/   unlink
    settings/care-team/teams/<int:share_id>/stop/   unshare
    """,
)
