"""planwatch_token <username> <name>: make an API token and print it, for scripts set up from a shell."""

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from planwatch.server.api.models import ApiToken


class Command(BaseCommand):
    help = "Make an API token for a user and print it (shown this once only). 为用户生成 API 令牌并打印。"

    def add_arguments(self, parser) -> None:
        parser.add_argument("username", help="the user the token acts for / 令牌所属用户")
        parser.add_argument("name", help="what the token is for / 用途，例如 统计局数据报送")

    def handle(self, *args, username: str, name: str, **options) -> None:
        User = get_user_model()
        try:
            user = User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"no user {username!r} / 用户不存在", returncode=2) from None
        if not user.is_active:
            raise CommandError(f"user {username!r} is inactive / 用户已停用", returncode=2)
        _, token = ApiToken.issue(user, name)
        self.stdout.write(token)
