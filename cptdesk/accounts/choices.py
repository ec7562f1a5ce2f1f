from django.db import models


class Role(models.TextChoices):
    FRONT_DESK = "front_desk", "Front desk"
    AUTH_COORDINATOR = "auth_coordinator", "Authorization coordinator"
    BILLER = "biller", "Biller"
    CODER = "coder", "Coder"
    PROVIDER = "provider", "Provider"
    SUPERVISOR = "supervisor", "Supervisor"
    PRACTICE_ADMIN = "practice_admin", "Practice administrator"
