from django.contrib import admin
from django.contrib.auth.admin import UserAdmin

from .models import Practice, User, UserRole


class UserRoleInline(admin.TabularInline):
    model = UserRole
    extra = 1


@admin.register(User)
class PracticeUserAdmin(UserAdmin):
    inlines = [UserRoleInline]
    list_display = ("username", "practice", "first_name", "last_name", "is_active")
    # django-stubs types the inherited fieldsets as optional, but UserAdmin sets them.
    fieldsets = (*(UserAdmin.fieldsets or ()), ("Practice", {"fields": ("practice",)}))


admin.site.register(Practice)
