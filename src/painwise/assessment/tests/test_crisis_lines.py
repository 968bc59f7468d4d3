"""The help page's crisis lines: every one a tap-to-call link, and a line that takes texts
has a text link that says which number it texts."""

import re

import pytest
from django.urls import reverse

from painwise.assessment import crisis


@pytest.mark.django_db
def test_every_line_can_be_called_and_texting_names_the_number(client):
    page = client.get(reverse("help")).content.decode()
    lines = [r for c in crisis.COUNTRIES for r in c.lines]
    assert any(r.text_too for r in lines)
    for r in lines:
        assert f'href="tel:{r.tel}"' in page
        texts = re.findall(rf'<a href="sms:{r.tel}">([^<]*)</a>', page)
        if r.text_too:
            assert texts and all(t == f"or text {r.number}" for t in texts), texts
        else:
            assert not texts
