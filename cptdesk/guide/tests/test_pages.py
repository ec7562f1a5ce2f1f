import pytest
from django.urls import reverse

PAGES = ["guide:index", "guide:codes", "guide:stages", "guide:mistakes", "guide:faq"]


@pytest.mark.parametrize("name", PAGES)
def test_page_requires_login(client, db, name):
    response = client.get(reverse(name))

    assert response.status_code == 302


@pytest.mark.parametrize("name", PAGES)
def test_page_opens(client, bob, name):
    client.force_login(bob)

    response = client.get(reverse(name))

    assert response.status_code == 200


def test_mistakes_page_links_each_app(client, bob):
    client.force_login(bob)

    content = client.get(reverse("guide:mistakes")).content.decode()

    for prefix in ("/codes/", "/catalog/", "/intake/", "/work/", "/remits/"):
        assert f'href="{prefix}"' in content


def test_explorer_fragment_explains_code(client, bob):
    client.force_login(bob)

    response = client.get(
        reverse("guide:codes"), {"code": "27447-RT"}, headers={"HX-Request": "true"}
    )

    content = response.content.decode()
    assert "<html" not in content
    assert "Surgery" in content
    assert "modifier RT" in content


def test_explorer_explains_invalid_code(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:codes"), {"code": "1234"})

    assert b"four characters" in response.content
