"""The training scenarios, grouped by the stage of the visit they happen in.

All people, payers and reference numbers are invented.
"""

from .scenarios import (
    CHOICE,
    DAY_OF_SERVICE,
    DUE_DATE,
    ESTIMATE,
    NEXT_STEP,
    NOTHING_CHANGED,
    PLAN_DECIDES,
    POST_SERVICE,
    PRE_SERVICE,
    REFERENCE,
    RESCHEDULE,
    ROUTE_BILLER,
    ROUTE_CLINICAL,
    ROUTE_CODER,
    WRITTEN,
    KeyPoint,
    Option,
    Scenario,
)

PRE_SERVICE_SCENARIOS = [
    Scenario(
        key="mri-cost-call",
        stage=PRE_SERVICE,
        title="A caller asks what the MRI will cost",
        situation=(
            "Patient P-1042 calls on Monday. Her lumbar MRI is booked for next "
            'Thursday and she asks: "How much is this going to cost me?" Write '
            "what you would say."
        ),
        kind=WRITTEN,
        script_key="cost-question",
        key_points=(PLAN_DECIDES, ESTIMATE, NEXT_STEP),
        model_answer=(
            "What you owe depends on your plan's benefits and your deductible so "
            "far, and the plan works it out when it processes the claim. I can "
            "request a good-faith estimate for the MRI and call you back by "
            "Wednesday with it."
        ),
    ),
    Scenario(
        key="sleep-study-coverage",
        stage=PRE_SERVICE,
        title="Will my insurance cover the sleep study?",
        situation=(
            "A caller with a PPO plan asks whether the sleep study her provider "
            "ordered is covered. Which answer do you give?"
        ),
        kind=CHOICE,
        script_key="coverage-question",
        options=(
            Option(
                "Sleep studies are usually covered with a PPO, so you should be fine.",
                False,
                "This is a coverage promise. Only the plan decides, and a "
                'patient who hears "you should be fine" plans on it.',
            ),
            Option(
                "Your plan makes that decision. Before the visit we check your "
                "benefits and whether it needs prior authorization, and we tell "
                "you what the plan reports.",
                True,
                "Right: it explains who decides, what the office does and when "
                "the patient hears back.",
            ),
            Option(
                "I have no idea, you'll have to call your insurance.",
                False,
                "Honest, but it leaves the caller without a next step. The office "
                "checks benefits; say so and say when you will call back.",
            ),
        ),
        model_answer=(
            "Your plan makes that decision. Before your visit we check your benefits "
            "and ask whether the study needs prior authorization, and we tell you "
            "what the plan reports."
        ),
    ),
    Scenario(
        key="auth-missing-three-days",
        stage=PRE_SERVICE,
        title="Prior authorization missing three days out",
        situation=(
            "A CT for patient P-2201 is booked in three days. The payer lists the "
            "service as needing prior authorization and nothing is on file. What "
            "do you do?"
        ),
        kind=CHOICE,
        script_key="prior-auth-needed",
        options=(
            Option(
                "Keep the booking; the plan usually approves these on the day.",
                False,
                "Guessing the plan's decision puts the patient at risk of a denial "
                "and a bill. Start the request now.",
            ),
            Option(
                "Send the case to the authorization team today with the order and "
                "notes, and tell the patient the visit may move if the approval is "
                "not back in time.",
                True,
                "Right: the owner gets it early and the patient hears the honest "
                "timeline.",
            ),
            Option(
                "Cancel the appointment and leave a voicemail.",
                False,
                "Cancelling without trying for the approval, and without talking "
                "to the patient, adds work and delay.",
            ),
        ),
        model_answer=(
            "Send the case to the authorization team today with the order and notes, "
            "and tell the patient the visit may move if the approval is not back."
        ),
    ),
    Scenario(
        key="hmo-referral-missing",
        stage=PRE_SERVICE,
        title="Specialist visit without a referral",
        situation=(
            "Patient P-3310 has an HMO plan and is booked with the dermatologist "
            "tomorrow. There is no referral on file. Write what you tell the "
            "patient on the phone."
        ),
        kind=WRITTEN,
        script_key="referral-needed",
        key_points=(
            KeyPoint("Names the referral", r"\breferral\b"),
            KeyPoint(
                "Names the primary care office",
                r"\bprimary\s+care|\bpcp\b|\breferring\b",
            ),
            NEXT_STEP,
        ),
        model_answer=(
            "Your plan asks for a referral from your primary care provider before "
            "this visit, and we don't have one on file yet. I'm asking your primary "
            "care office for it this morning and will call you by 3 pm to confirm "
            "whether we keep tomorrow's time or move it."
        ),
    ),
    Scenario(
        key="signed-order-message",
        stage=PRE_SERVICE,
        title="Ask the provider's office for a signed order",
        situation=(
            "Patient P-1187 is booked for a knee MRI on the 14th. The payer needs a "
            "signed order for the authorization request and there is none on file. "
            "Write the message to the ordering provider's office."
        ),
        kind=WRITTEN,
        script_key="signed-order-request",
        key_points=(
            REFERENCE,
            KeyPoint("Asks for the signed order", r"\bsign(?:ed)?\b[^.]*\border"),
            DUE_DATE,
            KeyPoint(
                "Says what happens without it",
                r"\b(?:without|otherwise|or\s+we|if\s+not|unless)\b",
            ),
        ),
        model_answer=(
            "Patient P-1187 is booked for a knee MRI on the 14th and we have no "
            "signed order on file. The payer needs it for the authorization "
            "request. Please sign and send the order by Friday noon; without it we "
            "would have to move the visit. Owner: auth team."
        ),
    ),
    Scenario(
        key="reschedule-angry-caller",
        stage=PRE_SERVICE,
        title="An upset patient whose visit was moved",
        situation=(
            "A patient is upset that her injection was moved because the "
            "authorization is still pending. Which answer fits?"
        ),
        kind=CHOICE,
        script_key="appointment-rescheduled",
        options=(
            Option(
                "Your insurance is being difficult; they refused to answer in time.",
                False,
                "This blames the plan with a reason that is not on file and may be "
                "wrong.",
            ),
            Option(
                "I'm sorry. The approval from your plan was not back in time, and "
                "going ahead without it could leave you with a bill. Our "
                "authorization team is following up and we'll confirm a new date "
                "as soon as it arrives.",
                True,
                "Right: an apology, the true reason, and who follows up.",
            ),
            Option(
                "Come in anyway and we'll sort out the approval later.",
                False,
                "Seeing the patient without the approval risks a denial she may "
                "have to pay for.",
            ),
        ),
        model_answer=(
            "I'm sorry. The approval from your plan was not back in time, and going "
            "ahead without it could leave you with a bill. Our authorization team is "
            "following up and we'll confirm a new date as soon as it arrives."
        ),
    ),
    Scenario(
        key="auth-status-call",
        stage=PRE_SERVICE,
        title="A patient asks where the authorization stands",
        situation=(
            "Patient P-4470 asks about the approval for physical therapy. The "
            "request went to the plan six days ago, reference A-55821, and is "
            "still pending. Write your answer."
        ),
        kind=WRITTEN,
        script_key="prior-auth-status",
        key_points=(
            KeyPoint(
                "Says it is pending", r"\b(?:pending|waiting|not\s+back|no\s+answer)"
            ),
            REFERENCE,
            NEXT_STEP,
            RESCHEDULE,
        ),
        model_answer=(
            "The request went to your plan six days ago, reference A-55821, and it "
            "is still pending. We will follow up with the plan tomorrow and call "
            "you once they answer. If it is not back before your first visit, we "
            "will talk about moving it."
        ),
    ),
    Scenario(
        key="self-pay-price",
        stage=PRE_SERVICE,
        title="An uninsured caller wants a price",
        situation=(
            "A caller without insurance asks for the price of a new patient visit "
            "before booking. What do you do?"
        ),
        kind=CHOICE,
        script_key="cost-question",
        options=(
            Option(
                "Tell her it is usually about $150.",
                False,
                "An amount from memory becomes a promise. Uninsured patients are "
                "entitled to a written good-faith estimate.",
            ),
            Option(
                "Offer a good-faith estimate from the billing team, and say when "
                "she will receive it.",
                True,
                "Right: the estimate is written, comes from billing and says what "
                "it includes.",
            ),
            Option("Tell her prices are confidential.", False, "They are not."),
        ),
        model_answer=(
            "Offer a good-faith estimate from the billing team, and say when she will "
            "receive it."
        ),
    ),
]

DAY_OF_SERVICE_SCENARIOS = [
    Scenario(
        key="auth-expired-yesterday",
        stage=DAY_OF_SERVICE,
        title="The authorization expired yesterday",
        situation=(
            "At check-in you see the authorization for today's procedure was valid "
            "through yesterday. What do you do?"
        ),
        kind=CHOICE,
        options=(
            Option(
                "Check the patient in; one day will not matter.",
                False,
                "A service outside the approved dates is likely to be denied.",
            ),
            Option(
                "Edit the date on the authorization record so it matches.",
                False,
                "The record must match what the plan approved. Never edit it to fit.",
            ),
            Option(
                "Flag it to the authorization team now, tell the patient there is "
                "a problem with the approval, and hold the check-in until they "
                "answer or the supervisor decides.",
                True,
                "Right: flag and route at once, without silently fixing anything.",
            ),
        ),
        model_answer=(
            "Flag it to the authorization team now, tell the patient there is a "
            "problem with the approval, and hold the check-in until they answer."
        ),
    ),
    Scenario(
        key="therapy-units-used",
        stage=DAY_OF_SERVICE,
        title="All approved visits are used",
        situation=(
            "A physical therapy patient arrives for visit 13. The authorization "
            "approved 12 visits. What do you do?"
        ),
        kind=CHOICE,
        script_key="prior-auth-status",
        options=(
            Option(
                "Route it to the authorization team before the visit and ask the "
                "therapist whether to request more visits.",
                True,
                "Right: the owner hears about it before the service, not after "
                "the denial.",
            ),
            Option(
                "Let the visit go ahead and send it to billing later.",
                False,
                "Finding this after the claim is denied costs far more work.",
            ),
            Option(
                "Tell the patient the plan will surely approve more.",
                False,
                "That is a coverage promise.",
            ),
        ),
        model_answer=(
            "Route it to the authorization team before the visit and ask the "
            "therapist whether to request more visits."
        ),
    ),
    Scenario(
        key="schedule-documentation-mismatch",
        stage=DAY_OF_SERVICE,
        title="Schedule and order disagree",
        situation=(
            "Patient P-5120 is scheduled for 73721, but the signed order describes "
            "a different study, and the authorization matches the schedule. Write "
            "the message to the coder."
        ),
        kind=WRITTEN,
        script_key="documentation-mismatch",
        key_points=(REFERENCE, ROUTE_CODER, NOTHING_CHANGED, DUE_DATE),
        model_answer=(
            "Coding question for patient P-5120, visit today: the schedule and the "
            "authorization list 73721, but the signed order describes a different "
            "study. I have not changed anything. Please review and tell me by 2 pm "
            "which record needs updating."
        ),
    ),
    Scenario(
        key="provider-asks-modifier",
        stage=DAY_OF_SERVICE,
        title="A provider asks you to add a modifier",
        situation=(
            'Between patients, a provider tells you: "Just add 25 to that visit so '
            'it pays." What do you do?'
        ),
        kind=CHOICE,
        script_key="documentation-mismatch",
        options=(
            Option(
                "Add it; the provider knows best.",
                False,
                "Modifiers are a coding decision made from the documentation, "
                "not at the front desk.",
            ),
            Option(
                "Send the request to the coder with the visit details, and tell the "
                "provider it is with coding.",
                True,
                "Right: the coder decides from the note and the provider knows "
                "where the request went.",
            ),
            Option(
                "Ignore it.",
                False,
                "The question still needs an answer. Route it so it does not get lost.",
            ),
        ),
        model_answer=(
            "Send the request to the coder with the visit details, and tell the "
            "provider it is with coding."
        ),
    ),
    Scenario(
        key="blood-thinner-question",
        stage=DAY_OF_SERVICE,
        title="A medication question at check-in",
        situation=(
            "At check-in for a procedure, a patient asks whether he should have "
            "taken his blood thinner this morning. Write what you say."
        ),
        kind=WRITTEN,
        key_points=(
            ROUTE_CLINICAL,
            KeyPoint(
                "Gets the question to them now",
                r"\b(?:right\s+away|now|before|immediately|straight\s+away|ask"
                r"|check|let)\b",
            ),
        ),
        model_answer=(
            "That's an important question for the clinical team, so I'm letting the "
            "nurse know right away, before your procedure."
        ),
    ),
    Scenario(
        key="left-right-mismatch",
        stage=DAY_OF_SERVICE,
        title="The order and the authorization name different sides",
        situation=(
            "The authorization for a knee injection says left, the provider's order "
            "says right. What do you do?"
        ),
        kind=CHOICE,
        options=(
            Option(
                "Ask the provider's team to confirm the side and the authorization "
                "team to correct the request if needed, before the procedure.",
                True,
                "Right: the people who own each record confirm it, before the service.",
            ),
            Option(
                "Change the order to match the authorization.",
                False,
                "Front-office staff never change clinical orders.",
            ),
            Option(
                "Proceed; the side does not matter for billing.",
                False,
                "It matters for the claim and for the patient.",
            ),
        ),
        model_answer=(
            "Ask the provider's team to confirm the side and the authorization team "
            "to correct the request if needed, before the procedure."
        ),
    ),
    Scenario(
        key="copay-only-question",
        stage=DAY_OF_SERVICE,
        title='"Is today just my copay?"',
        situation=(
            'At check-in, a patient asks: "So today is just my copay, right?" '
            "Write your answer."
        ),
        kind=WRITTEN,
        script_key="cost-question",
        key_points=(
            PLAN_DECIDES,
            KeyPoint(
                "Says a later bill is possible",
                r"\b(?:statement|bill|balance)\b",
            ),
        ),
        model_answer=(
            "Today we collect the copay your card lists. The plan processes the "
            "claim after the visit, and if it leaves a balance we send you a "
            "statement."
        ),
    ),
]

POST_SERVICE_SCENARIOS = [
    Scenario(
        key="denial-letter-call",
        stage=POST_SERVICE,
        title="A patient calls about a denial letter",
        situation=(
            "Patient P-6032 received a letter saying the claim for his ultrasound "
            "was denied and asks why. Write your answer."
        ),
        kind=WRITTEN,
        script_key="denial-explained",
        key_points=(ROUTE_BILLER, NEXT_STEP, REFERENCE),
        model_answer=(
            "I'm sorry about the letter. The plan's notice lists reason codes that "
            "say why the claim was not paid as sent. I'm sending it to our billing "
            "team today, reference D-7781, and they will call you by Thursday with "
            "the next step."
        ),
    ),
    Scenario(
        key="code-on-bill-too-high",
        stage=POST_SERVICE,
        title='"The code on my bill is wrong"',
        situation=(
            'A patient says the visit code on her statement is "too high" and '
            "asks you to change it. What do you do?"
        ),
        kind=CHOICE,
        script_key="code-on-bill",
        options=(
            Option(
                "Agree that it looks high and promise to lower it.",
                False,
                "Choosing or changing a code is a coding decision, and the promise "
                "may not hold.",
            ),
            Option(
                "Explain what the line is, send her question to billing and coding "
                "with the visit date, and say when she will hear back.",
                True,
                "Right: explain, route and set a time.",
            ),
            Option(
                "Tell her codes are always right because the computer picks them.",
                False,
                "Not true, and it closes the door on a fair question.",
            ),
        ),
        model_answer=(
            "Explain what the line is, send her question to billing and coding with "
            "the visit date, and say when she will hear back."
        ),
    ),
    Scenario(
        key="remit-precert-absent",
        stage=POST_SERVICE,
        title="A remittance reports a missing authorization",
        situation=(
            "A remittance shows group code CO with a reason saying the "
            "precertification was absent. What do you do?"
        ),
        kind=CHOICE,
        options=(
            Option(
                "Resubmit with a modifier so it pays.",
                False,
                "A modifier does not replace an authorization, and choosing one is "
                "a coding decision.",
            ),
            Option(
                "Route it to the biller with the remittance and the authorization "
                "history, and log which intake check should have caught it.",
                True,
                "Right: the biller owns the claim, and the log helps prevent the "
                "next one.",
            ),
            Option(
                "Bill the patient for the amount.",
                False,
                "A CO adjustment is contractual: the patient is usually not billed "
                "for it, and the biller decides.",
            ),
        ),
        model_answer=(
            "Route it to the biller with the remittance and the authorization "
            "history, and log which intake check should have caught it."
        ),
    ),
    Scenario(
        key="appeal-records-request",
        stage=POST_SERVICE,
        title="Records needed for an appeal",
        situation=(
            "The biller needs the operative note and the signed order for an appeal "
            "for patient P-7015, due to the payer in ten days. Write the request to "
            "the provider's office."
        ),
        kind=WRITTEN,
        key_points=(
            REFERENCE,
            KeyPoint("Names what is missing", r"\b(?:note|order|records?)\b"),
            KeyPoint("Says why", r"\b(?:appeal|because|for\s+the|needed\s+for)\b"),
            DUE_DATE,
        ),
        model_answer=(
            "For patient P-7015: billing needs the operative note and the signed "
            "order for an appeal that is due to the payer on the 24th. Please send "
            "both by the 20th. Owner: billing."
        ),
    ),
    Scenario(
        key="vague-note",
        stage=POST_SERVICE,
        title="Which status note can the next person act on?",
        situation="Three notes were left on a pending records request. Which one is "
        "actionable?",
        kind=CHOICE,
        options=(
            Option("Called office.", False, "Who, when, what was asked and what next?"),
            Option(
                "14:10 called Dr. Reyes's office, spoke to Tom, asked for the signed "
                "order for P-1187's MRI; they will fax it today. Follow up tomorrow "
                "10:00 if not received. Owner: auth team.",
                True,
                "Right: time, contact, request, promise, follow-up and owner.",
            ),
            Option("Waiting on them.", False, "Nobody can act on this note."),
        ),
        model_answer=(
            "14:10 called Dr. Reyes's office, spoke to Tom, asked for the signed "
            "order; they will fax it today. Follow up tomorrow 10:00. Owner: auth "
            "team."
        ),
    ),
    Scenario(
        key="balance-dispute",
        stage=POST_SERVICE,
        title="A patient wants a balance removed",
        situation=(
            "Patient P-8140 says her balance for last month's visit is wrong and "
            "asks you to remove it. Write what you say."
        ),
        kind=WRITTEN,
        script_key="billing-dispute-handoff",
        key_points=(ROUTE_BILLER, NEXT_STEP),
        model_answer=(
            "I understand. I'm sending your question to our billing team with the "
            "claim details, and they will review it and call you by Friday. I can't "
            "change the balance myself."
        ),
    ),
    Scenario(
        key="escalate-stalled-auth",
        stage=POST_SERVICE,
        title="A request stalled past the payer's turnaround",
        situation=(
            "An authorization request is four days past the payer's stated "
            "turnaround and the visit is tomorrow. Two follow-up calls got no "
            "answer. What do you do?"
        ),
        kind=CHOICE,
        script_key="prior-auth-status",
        options=(
            Option(
                "Wait one more day; it usually comes through.",
                False,
                "Escalating late is a common cause of same-day reschedules.",
            ),
            Option(
                "Escalate to the supervisor today with the call log, and tell the "
                "patient the visit may need to move.",
                True,
                "Right: escalate on time, with evidence, and keep the patient "
                "informed.",
            ),
            Option(
                "Escalate to the practice owner every time a request is a day late.",
                False,
                "Escalating too early buries the cases that need attention.",
            ),
        ),
        model_answer=(
            "Escalate to the supervisor today with the call log, and tell the patient "
            "the visit may need to move."
        ),
    ),
]

SCENARIOS: list[Scenario] = (
    PRE_SERVICE_SCENARIOS + DAY_OF_SERVICE_SCENARIOS + POST_SERVICE_SCENARIOS
)
