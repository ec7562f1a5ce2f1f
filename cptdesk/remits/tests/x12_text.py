"""Build small synthetic 835 texts for reader tests."""

ISA = (
    "ISA*00*          *00*          *ZZ*SYNTHPAYER     *ZZ*SYNTHPROV      "
    "*240115*1200*^*00501*000000001*0*T*:"
)

HEADER = [
    "BPR*I*{payment}*C*ACH*CCP*01*999999999*DA*123456*1512345678**01*999988880*DA"
    "*98765*20240116",
    "TRN*1*EFT0001*1512345678",
    "DTM*405*20240115",
    "N1*PR*SYNTHETIC HEALTH PLAN*XV*PAYER01",
    "N3*100 MAIN STREET",
    "N4*ANYTOWN*OH*43004",
    "N1*PE*SYNTHETIC FAMILY PRACTICE*XX*1999999984",
    "LX*1",
]

BALANCED_CLAIM = [
    "CLP*PCN001*1*200.00*150.00*20.00*12*ICN001*11*1",
    "NM1*QC*1*PATIENT*TEST****MI*MBR001",
    "DTM*232*20240102",
    "DTM*233*20240103",
    "SVC*HC:99213:25*200.00*150.00**1",
    "DTM*472*20240102",
    "CAS*CO*45*30.00",
    "CAS*PR*2*20.00",
    "REF*6R*LINE1",
]


def transaction(claims, payment="150.00", trailer=(), control="0001"):
    """Return the segments of one ST...SE set holding the given claim segments."""
    body = [segment.format(payment=payment) for segment in HEADER]
    body += list(claims) + list(trailer)
    segments = [f"ST*835*{control}*005010X221A1", *body]
    return segments + [f"SE*{len(segments) + 1}*{control}"]


def interchange(*transactions):
    """Wrap transaction segment lists in one GS group and one ISA interchange."""
    segments = [ISA, "GS*HP*SYNTHPAYER*SYNTHPROV*20240115*1200*1*X*005010X221A1"]
    for transaction_segments in transactions:
        segments += transaction_segments
    return segments + [f"GE*{len(transactions)}*1", "IEA*1*000000001"]


def render(segments, element="*", component=":", terminator="~\n"):
    """Join segments written with * and : using other separators."""
    table = str.maketrans({"*": element, ":": component})
    lines = []
    for segment in segments:
        if segment.startswith("ISA"):
            # ISA16 is the component separator itself, so translate only the elements.
            lines.append(segment[:-1].replace("*", element) + component)
        else:
            lines.append(segment.translate(table))
    return terminator.join(lines) + terminator


def make_835(claims=BALANCED_CLAIM, payment="150.00", trailer=(), **separators):
    """Return a one-transaction 835 as text."""
    return render(interchange(transaction(claims, payment, trailer)), **separators)
