from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("plans", "0004_revision"),
    ]

    operations = [
        migrations.AddField(
            model_name="plan",
            name="figures",
            field=models.PositiveBigIntegerField(
                default=0,
                editable=False,
                help_text="监测值每录入、修订、审核或删除一次加一，已存的评估结果随之失效",
                verbose_name="监测数据变动次数",
            ),
        ),
    ]
