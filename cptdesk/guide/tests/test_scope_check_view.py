from django.urls import reverse


def test_scope_check_requires_login(client, db):
    response = client.post(reverse("guide:scope-check"), {"text": "It's covered."})

    assert response.status_code == 302


def test_scope_check_returns_findings_fragment(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scope-check"), {"text": "Don't worry, this will be covered"}
    )
    content = response.content.decode()

    assert "<html" not in content
    assert "Coverage promise" in content
    assert "\u201cwill be covered\u201d" in content
    assert "Your plan decides what it covers" in content


def test_scope_check_reads_named_field(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scope-check") + "?field=note",
        {"note": "Just add modifier 59 to line 2.", "text": ""},
    )

    assert b"Coding advice" in response.content


def test_scope_check_says_when_clean(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scope-check"), {"text": "I'll send this to the coder today."}
    )

    assert b"found no promise" in response.content


def test_scope_check_rejects_get(client, bob):
    client.force_login(bob)

    response = client.get(reverse("guide:scope-check"))

    assert response.status_code == 405


def test_scope_check_quotes_own_checks_quotes(client, bob):
    client.force_login(bob)
    text = {"text": 'Say: "Your plan will cover it."'}

    own = client.post(reverse("guide:scope-check") + "?quotes=own", text)
    reported = client.post(reverse("guide:scope-check"), text)

    assert b"Coverage promise" in own.content
    assert b"Coverage promise" not in reported.content


def test_scope_check_names_part_checked_of_long_text(client, bob):
    client.force_login(bob)
    text = "I'll send this to the coder today. " * 3000 + "Your plan will cover it."

    response = client.post(reverse("guide:scope-check"), {"text": text})

    content = response.content.decode()
    assert "no clinical advice in the first 20,000 characters" in content
    assert "The rest is checked when you save." in content


def test_scope_check_names_part_checked_beside_findings(client, bob):
    client.force_login(bob)
    text = "Your plan will cover it. " + "I'll send this to the coder today. " * 3000

    response = client.post(reverse("guide:scope-check"), {"text": text})

    content = response.content.decode()
    assert "Coverage promise" in content
    assert "Checked the first 20,000 characters; the rest is checked" in content


def test_scope_check_of_short_text_names_no_part(client, bob):
    client.force_login(bob)

    response = client.post(
        reverse("guide:scope-check"), {"text": "I'll send this to the coder today."}
    )

    assert b"first 20,000 characters" not in response.content
