"""The starter scripts that every practice receives and may then edit.

Each script explains the process, sets an honest expectation and routes the decision
to the person who owns it. Role values match cptdesk.accounts.choices.Role, and tag
values match cptdesk.guide.choices.SituationTag; tests check both, and check that the
scope guard finds nothing in the text to say.
"""

STARTER_SCRIPTS = [
    {
        "key": "cost-question",
        "title": "What will this cost?",
        "audience": "patient",
        "stage": "pre_service",
        "tags": ["cost_question"],
        "situation": (
            "A patient asks what they will pay for {service} before the visit on "
            "{date}."
        ),
        "say": (
            "That's a fair question, and I want to give you an answer you can rely "
            "on. What you owe depends on your {payer} benefits, your deductible so "
            "far this year and what the provider does at the visit, and the plan "
            "works it out when it processes the claim. I can request a good-faith "
            "estimate for {service} and call you back by {due_date} with it. You can "
            "also call the member services number on your card and ask about your "
            "share for this service."
        ),
        "never_say": (
            '"It\'ll be about $100." "You won\'t owe anything." "It\'s just your '
            'copay." Any amount that is not a written estimate.'
        ),
        "route_when": (
            "The patient wants a written estimate, is uninsured or self-pay, or "
            "disputes an amount already billed."
        ),
        "route_to": "biller",
    },
    {
        "key": "coverage-question",
        "title": "Will my insurance cover this?",
        "audience": "patient",
        "stage": "pre_service",
        "tags": ["coverage_question", "cost_question"],
        "situation": "A caller asks whether {payer} covers {service}.",
        "say": (
            "Your plan makes the coverage decision, and it can only do that when it "
            "sees the claim. Before your visit on {date} we check your benefits with "
            "{payer} and ask whether {service} needs prior authorization, and we "
            "tell you what the plan reports. The plan's member services line can "
            "also tell you what your benefits say."
        ),
        "never_say": (
            '"Don\'t worry, it\'s covered." "They always pay for that." "It\'ll be '
            'approved."'
        ),
        "route_when": (
            "The benefits check shows a limit, an exclusion or a prior-authorization "
            "requirement."
        ),
        "route_to": "auth_coordinator",
    },
    {
        "key": "denial-explained",
        "title": "Why was this denied?",
        "audience": "patient",
        "stage": "post_service",
        "tags": ["denial"],
        "situation": (
            "A patient calls about a denial letter or statement for {service} on "
            "{date}."
        ),
        "say": (
            "I'm sorry this happened, and I'll make sure the right person looks at "
            "it. The plan's notice lists reason codes that say why the claim was not "
            "paid as sent. I'm sending the claim and the notice to our billing team "
            "today, reference {reference}. They decide whether the claim needs more "
            "records, a correction or an appeal, and {owner} will call you by "
            "{due_date} with what happens next."
        ),
        "never_say": (
            '"We just coded it wrong, we will fix it." "The appeal will win." "You '
            "don't have to pay anything.\""
        ),
        "route_when": "Every denial, the same day, with the remittance or the letter.",
        "route_to": "biller",
    },
    {
        "key": "code-correct",
        "title": "Is this code correct?",
        "audience": "patient",
        "stage": "post_service",
        "tags": ["code_question", "bill_code_question"],
        "situation": (
            "A patient or another office asks whether {code} is the right code for "
            "{service}."
        ),
        "say": (
            "Codes are chosen by certified coding staff from the provider's "
            "documentation, so I can't confirm or change one myself. I'll send your "
            "question and the visit details to our coding team today, reference "
            "{reference}, and {owner} will get back to you by {due_date}."
        ),
        "never_say": (
            '"That looks wrong, it should be the other one." "We\'ll just change '
            'it." Naming a code or modifier as the right one.'
        ),
        "route_when": "Any question about which code or modifier is right.",
        "route_to": "coder",
    },
    {
        "key": "code-on-bill",
        "title": "Why is this code on my bill?",
        "audience": "patient",
        "stage": "post_service",
        "tags": ["bill_code_question", "billing_dispute"],
        "situation": (
            "A patient reads {code} on a statement for the visit on {date} and does "
            "not recognise it."
        ),
        "say": (
            "Each line on a statement is a code that stands for a service, a supply "
            "or a test from your visit. I can tell you which date and provider the "
            "line belongs to. Whether the line is right is a question for our "
            "billing and coding team, so I'm sending it to them now, reference "
            "{reference}, and {owner} will call you by {due_date}."
        ),
        "never_say": (
            '"That must be a mistake, we\'ll take it off." "Just ignore that line."'
        ),
        "route_when": (
            "The patient disputes the line or says the service did not happen."
        ),
        "route_to": "biller",
    },
    {
        "key": "prior-auth-needed",
        "title": "Do I need prior authorization?",
        "audience": "patient",
        "stage": "pre_service",
        "tags": ["prior_auth_missing"],
        "situation": "A patient asks whether {service} needs approval from {payer}.",
        "say": (
            "Some plans ask us to get approval before certain services. We check "
            "{payer}'s current list for {service}, and when approval is needed our "
            "authorization team sends the request with the provider's notes. An "
            "approval is the plan's decision and can take several days, so we will "
            "keep you posted and, if it is not back in time, we may need to move "
            "your appointment on {date}."
        ),
        "never_say": '"It\'s a formality, it always gets approved."',
        "route_when": (
            "The service is on the payer's list, or the list cannot be checked."
        ),
        "route_to": "auth_coordinator",
    },
    {
        "key": "prior-auth-status",
        "title": "What is the status of my authorization?",
        "audience": "patient",
        "stage": "pre_service",
        "tags": ["prior_auth_status", "prior_auth_missing"],
        "situation": (
            "A patient asks about the authorization for {service} with {payer}."
        ),
        "say": (
            "Let me check what we have on file. The request for {service} was sent "
            "to {payer}, reference {reference}. Until the plan answers, the request "
            "is pending, and we follow up with them by {due_date}. We will call you "
            "as soon as we have the plan's answer, and if it is not back before "
            "{date} we will talk with you about rescheduling."
        ),
        "never_say": (
            "\"It'll come through, just show up.\" A guess at the plan's decision."
        ),
        "route_when": (
            "The request is past the payer's stated turnaround, or more records are "
            "asked for."
        ),
        "route_to": "auth_coordinator",
    },
    {
        "key": "appointment-rescheduled",
        "title": "Why was my appointment rescheduled?",
        "audience": "patient",
        "stage": "pre_service",
        "tags": ["reschedule", "prior_auth_missing"],
        "situation": (
            "The visit for {service} on {date} was moved and the patient asks why."
        ),
        "say": (
            "I'm sorry for the change. We moved the visit because something it "
            "needs was not ready in time: an approval from {payer}, a referral or a "
            "signed order. Going ahead without it could leave you with a bill the "
            "plan would not consider. {owner} is following up, and we will confirm "
            "the new date once it is in place."
        ),
        "never_say": (
            '"The doctor cancelled on you." "Your insurance refused." Any reason '
            "that is not on file."
        ),
        "route_when": "The patient asks for the clinical reason, or it happened twice.",
        "route_to": "supervisor",
    },
    {
        "key": "referral-needed",
        "title": "Do I need a referral?",
        "audience": "patient",
        "stage": "pre_service",
        "tags": ["referral"],
        "situation": "A patient asks whether they need a referral for {service}.",
        "say": (
            "Some plans, often HMOs, ask for a referral from your primary care "
            "provider before a specialist visit. We check what {payer} asks for and "
            "whether a referral is already on file. If one is needed, we can ask "
            "your primary care office for it, and we will let you know by "
            "{due_date}."
        ),
        "never_say": '"You don\'t need one, just come in."',
        "route_when": "The referral is missing, expired or has no visits left.",
        "route_to": "auth_coordinator",
    },
    {
        "key": "signed-order-request",
        "title": "Asking a provider for a signed order",
        "audience": "internal",
        "stage": "pre_service",
        "tags": ["signed_order_missing", "prior_auth_missing"],
        "situation": (
            "{service} for patient {patient_ref} on {date} has no signed order on file."
        ),
        "say": (
            "Hello, this is {staff} from {practice}. Patient {patient_ref} is booked "
            "for {service} on {date}, and we have no signed order on file. {payer} "
            "needs it for the authorization request. Could you sign the order or "
            "send it by {due_date}? Without it we would have to move the visit. "
            "{owner} owns the follow-up."
        ),
        "never_say": "Filling in or guessing the order's content yourself.",
        "route_when": "No answer by the due date: tell the supervisor.",
        "route_to": "provider",
    },
    {
        "key": "documentation-mismatch",
        "title": "Telling a coder that documentation and schedule disagree",
        "audience": "internal",
        "stage": "day_of_service",
        "tags": ["documentation_mismatch", "code_question"],
        "situation": (
            "For patient {patient_ref} on {date}, the schedule shows {code} but the "
            "documentation or the authorization describes something else."
        ),
        "say": (
            "Coding question for patient {patient_ref}, visit on {date}: the "
            "schedule lists {code} for {service}, and the documentation or the "
            "authorization ({reference}) does not match it. I have not changed "
            "anything. Please review and tell me which record needs to be updated "
            "by {due_date}; the authorization team will follow up with {payer} if "
            "the request has to change."
        ),
        "never_say": "Changing the scheduled code so that it matches.",
        "route_when": "Always, before the claim goes out.",
        "route_to": "coder",
    },
    {
        "key": "billing-dispute-handoff",
        "title": "Handing a billing dispute to the biller",
        "audience": "internal",
        "stage": "post_service",
        "tags": ["billing_dispute", "denial"],
        "situation": (
            "Patient {patient_ref} disputes the balance for {service} on {date}."
        ),
        "say": (
            "Billing dispute for patient {patient_ref}, visit on {date}, {payer}. "
            "The patient disputes the balance for {service} and says: (in the "
            "patient's words). I told them billing will review the claim and call "
            "back by {due_date}, reference {reference}. I have not promised any "
            "change to the balance."
        ),
        "never_say": "Offering to reduce the balance or to take a charge off.",
        "route_when": "Every dispute, the same day.",
        "route_to": "biller",
    },
]
