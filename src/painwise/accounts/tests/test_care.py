"""The care team: invitations (single use, expiring, withdrawable), unlinking from either
side, and team shares. Every change is audited; outsiders get 404."""

import datetime as dt
import re

import pytest
import time_machine
from conftest import make_user
from django.core import mail
from django.urls import reverse

from painwise.accounts import access, care
from painwise.accounts.models import CareLink, Invitation, Team, TeamShare
from painwise.audit.models import AuditEntry


def invite_link(clinician, email):
    mail.outbox.clear()
    care.invite(clinician, email)
    [message] = mail.outbox
    assert message.to == [email]
    return re.search(r"https?://\S+/accounts/invite/(\S+)/", message.body).group(1)


@pytest.fixture
def doctor(db):
    return make_user("doc@example.org", role="clinician", display_name="Dr Lee")


@pytest.mark.django_db(transaction=True)
class TestInvitation:
    def test_a_patient_accepts_once_and_is_linked(self, client, doctor, patient):
        key = invite_link(doctor, "pat@example.org")
        url = reverse("accounts:invitation", args=[key])
        assert "Dr Lee" in client.get(url).content.decode()  # GET explains, spends nothing
        assert not CareLink.objects.exists()
        client.force_login(patient)
        assert client.post(url).status_code == 302
        assert CareLink.objects.filter(patient=patient, clinician=doctor).exists()
        assert AuditEntry.objects.filter(action="accounts.care_link_created").count() == 1
        assert client.post(url).status_code == 410  # single use
        assert access.can_view_patient(doctor, patient)

    def test_only_a_hash_of_the_key_is_stored(self, doctor):
        key = invite_link(doctor, "someone@example.org")
        assert key not in str(list(Invitation.objects.values()))

    def test_an_expired_link_does_nothing(self, client, doctor, patient):
        key = invite_link(doctor, "pat@example.org")
        client.force_login(patient)
        with time_machine.travel(dt.datetime.now(dt.UTC) + dt.timedelta(days=15)):
            assert client.post(reverse("accounts:invitation", args=[key])).status_code == 410
        assert not CareLink.objects.exists()

    def test_a_withdrawn_link_does_nothing(self, client, doctor, patient):
        key = invite_link(doctor, "pat@example.org")
        care.withdraw(doctor, Invitation.objects.get().pk)
        client.force_login(patient)
        assert client.post(reverse("accounts:invitation", args=[key])).status_code == 410
        assert not CareLink.objects.exists()

    def test_a_clinician_cannot_accept_and_an_unknown_key_is_gone(self, client, doctor, db):
        key = invite_link(doctor, "x@example.org")
        other = make_user("c2@example.org", role="clinician")
        client.force_login(other)
        client.post(reverse("accounts:invitation", args=[key]))
        assert not CareLink.objects.exists()
        assert client.get(reverse("accounts:invitation", args=["nope"])).status_code == 410

    def test_signed_out_the_page_offers_sign_in_and_keeps_the_link(self, client, doctor):
        key = invite_link(doctor, "new@example.org")
        url = reverse("accounts:invitation", args=[key])
        page = client.get(url).content.decode()
        assert f"?next={url}" in page and "we ask you about this invitation" in page
        assert client.post(url).status_code == 200  # nobody to link: nothing happens
        assert Invitation.objects.get().accepted_at is None

    def test_a_clinician_cannot_invite_themself(self, doctor):
        with pytest.raises(care.DomainError):
            care.invite(doctor, "DOC@example.org")


@pytest.mark.django_db
class TestUnlinkAndTeams:
    def test_the_patient_stops_sharing_and_the_clinician_loses_access(
        self, client, patient, clinician
    ):
        client.force_login(patient)
        page = client.get(reverse("accounts:care_team")).content.decode()
        assert clinician.display_name in page
        client.post(reverse("accounts:unlink", args=[clinician.pk]))
        assert not access.can_view_patient(clinician, patient)
        entry = AuditEntry.objects.get(action="accounts.care_link_removed")
        assert entry.data == {"clinician": clinician.pk, "by": "patient"}
        assert not access.clinicians_of(patient).exists()

    def test_unlinking_someone_not_linked_is_404(self, client, patient, other_clinician):
        client.force_login(patient)
        response = client.post(reverse("accounts:unlink", args=[other_clinician.pk]))
        assert response.status_code == 404

    def test_a_team_member_sees_a_shared_patient_until_the_share_ends(
        self, client, patient, clinician
    ):
        colleague = make_user("psych@example.org", role="clinician")
        team = Team.objects.create(name="Spine team")
        team.members.add(clinician, colleague)
        assert not access.can_view_patient(colleague, patient)
        share = care.share_with_team(patient, team.pk, by=clinician)
        assert access.can_view_patient(colleague, patient)
        assert set(access.clinicians_of(patient)) == {clinician, colleague}
        client.force_login(patient)
        assert "Spine team" in client.get(reverse("accounts:care_team")).content.decode()
        client.post(reverse("accounts:unshare", args=[share.pk]))
        assert not access.can_view_patient(colleague, patient)
        assert access.can_view_patient(clinician, patient)

    def test_only_a_linked_member_shares_and_only_with_their_own_team(
        self, patient, clinician, other_clinician
    ):
        mine = Team.objects.create(name="Mine")
        mine.members.add(clinician)
        theirs = Team.objects.create(name="Theirs")
        theirs.members.add(other_clinician)
        with pytest.raises(care.DomainError):
            care.share_with_team(patient, theirs.pk, by=clinician)
        with pytest.raises(care.DomainError):
            care.share_with_team(patient, theirs.pk, by=other_clinician)  # not linked
        assert not TeamShare.objects.exists()

    def test_unlinking_ends_the_shares_that_clinician_made(self, patient, clinician):
        team = Team.objects.create(name="T")
        team.members.add(clinician, make_user("m@example.org", role="clinician"))
        care.share_with_team(patient, team.pk, by=clinician)
        care.unlink(patient, clinician, by=clinician)
        assert not TeamShare.objects.exists()
        assert not access.clinicians_of(patient).exists()

    def test_without_a_care_team_the_page_says_everything_is_private(self, client, patient):
        client.force_login(patient)
        page = client.get(reverse("accounts:care_team")).content.decode()
        assert "No clinician sees your Painwise data" in page


@pytest.mark.django_db(transaction=True)
class TestInvitedSignUp:
    def test_someone_new_signs_up_from_the_link_and_is_asked_after_confirming(self, client, doctor):
        from painwise.accounts.models import User

        key = invite_link(doctor, "new.person@example.org")
        page = client.get(reverse("accounts:invitation", args=[key])).content.decode()
        signup_url = reverse("accounts:signup") + f"?invite={key}"
        assert signup_url in page
        assert f'value="{key}"' in client.get(signup_url).content.decode()
        mail.outbox.clear()
        client.post(
            reverse("accounts:signup"),
            {
                "display_name": "Nia",
                "email": "new.person@example.org",
                "password1": "a slow walk by the river",
                "password2": "a slow walk by the river",
                "time_zone": "Europe/Dublin",
                "invite": key,
            },
        )
        user = User.objects.get(email="new.person@example.org")
        assert not CareLink.objects.exists()  # nothing is shared before they say so
        link = re.search(r"(/accounts/link/\S+)", mail.outbox[-1].body).group(1)
        response = client.post(link)
        waiting = reverse("accounts:waiting_invitation", args=[Invitation.objects.get().pk])
        assert response["Location"] == waiting
        assert "Dr Lee" in client.get(waiting).content.decode()
        client.post(waiting)
        assert CareLink.objects.filter(patient=user, clinician=doctor).exists()
        assert client.get(waiting).status_code == 404  # spent

    def test_the_waiting_page_is_only_for_the_person_who_signed_up(self, client, doctor, patient):
        key = invite_link(doctor, "someone@example.org")
        other = make_user("nia@example.org")
        care.remember_sign_up(key, other)
        invitation = Invitation.objects.get()
        client.force_login(patient)
        url = reverse("accounts:waiting_invitation", args=[invitation.pk])
        assert client.get(url).status_code == 404
        assert client.post(url).status_code == 404
        assert not CareLink.objects.exists()

    def test_a_sign_up_with_a_known_email_or_a_bad_key_changes_no_invitation(self, doctor):
        key = invite_link(doctor, "x@example.org")
        care.remember_sign_up(key, None)  # a known email: sign_up_patient returned nothing
        care.remember_sign_up("not-a-key", make_user("y@example.org"))
        assert Invitation.objects.get().signed_up is None
