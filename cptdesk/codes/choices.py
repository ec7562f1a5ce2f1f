from django.db import models


class DataKind(models.TextChoices):
    """The reference data sets that `cptdesk import KIND FILE` loads."""

    HCPCS = "hcpcs", "HCPCS Level II"
    PFS = "pfs", "PFS relative value indicators"
    NCCI_PTP = "ncci-ptp", "NCCI procedure-to-procedure edits"
    MUE = "mue", "Medically unlikely edits"
    POS = "pos", "Place of service codes"
    PRIOR_AUTH = "prior-auth", "CMS prior-authorization lists"
    CARC = "carc", "Claim adjustment reason codes"
    RARC = "rarc", "Remittance advice remark codes"
    CPT = "cpt", "Licensed CPT descriptors"


class EntryKind(models.TextChoices):
    """What a search result is."""

    HCPCS = "hcpcs", "HCPCS Level II code"
    MODIFIER = "modifier", "HCPCS Level II modifier"
    CPT = "cpt", "CPT code"
    POS = "pos", "Place of service"
    CARC = "carc", "Claim adjustment reason"
    RARC = "rarc", "Remark code"
    SERVICE = "service", "Practice service"  # code holds the catalog service id
