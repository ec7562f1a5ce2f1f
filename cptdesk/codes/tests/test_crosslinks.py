from django.urls import reverse


def test_code_page_links_code_structure_guide(client, bob):
    client.force_login(bob)

    response = client.get(reverse("codes:code", args=["J0585"]))

    assert f'href="{reverse("guide:codes")}"' in response.content.decode()
