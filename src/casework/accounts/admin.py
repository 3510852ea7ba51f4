from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User

from casework.accounts.models import Profile


class ProfileInline(admin.StackedInline[Profile, User]):
    model = Profile
    can_delete = False
    autocomplete_fields = ["state"]


admin.site.unregister(User)


@admin.register(User)
class CaseworkUserAdmin(UserAdmin[User]):
    inlines = [ProfileInline]
    list_display = ["username", "email", "profile__role", "profile__state", "is_active"]
    list_filter = ["profile__role", "is_active", "is_staff"]
