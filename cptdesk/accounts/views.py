from http import HTTPStatus

from axes.helpers import get_client_username, get_cool_off
from django.conf import settings
from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from . import actions
from .lockouts import locked_usernames, lockout_ends_at
from .models import User


def cool_off_minutes():
    return int(get_cool_off().total_seconds() // 60)


def lockout_response(request, original_response=None, credentials=None):
    """Render the page that replaces the sign-in form while a user name is locked out.

    django-axes calls this, as AXES_LOCKOUT_CALLABLE, for the attempt that reaches the
    failure limit and for every attempt rejected during the lockout.
    """
    username = get_client_username(request, credentials)
    context = {
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": cool_off_minutes(),
        "unlocks_at": lockout_ends_at(username, request.axes_ip_address),
    }
    return render(
        request,
        "registration/locked_out.html",
        context,
        status=HTTPStatus.TOO_MANY_REQUESTS,
    )


def require_unlock_permission(user):
    if not user.can_unlock_users:
        raise PermissionDenied(
            "Only a supervisor or practice administrator sees users and unlocks them."
        )


def practice_users(request):
    """List the users of the practice, with a button to unlock each locked-out one."""
    require_unlock_permission(request.user)
    users = (
        User.objects.filter(practice=request.user.practice)
        .prefetch_related("roles")
        .order_by("username")
    )
    locked = locked_usernames([user.username for user in users])
    context = {
        "rows": [(user, user.username in locked) for user in users],
        "failure_limit": settings.AXES_FAILURE_LIMIT,
        "cool_off_minutes": cool_off_minutes(),
    }
    return render(request, "accounts/users.html", context)


@require_POST
def unlock(request, pk):
    require_unlock_permission(request.user)
    user = get_object_or_404(User, pk=pk, practice=request.user.practice)
    actions.unlock_user(user, unlocked_by=request.user)
    messages.success(request, f"Unlocked {user.username}. They can sign in again now.")
    return redirect("accounts:users")
