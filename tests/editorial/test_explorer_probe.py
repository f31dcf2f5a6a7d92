import time_machine
from django.db import connection
from django.test import TestCase
from django.test.utils import CaptureQueriesContext
from .helpers import SITE_ADMINISTRATORS, make_user
from .test_dashboard_and_report import TODAY, ReviewWorkload

@time_machine.travel(TODAY)
class Probe(ReviewWorkload, TestCase):
    def test_probe(self):
        self.admin = make_user("ada", SITE_ADMINISTRATORS)
        url = f"/admin/pages/{self.sections[0].pk}/"
        users = {"rita": self.rita, "edith": self.editor, "ada": self.admin}
        for n in (5, 10):
            self.add_articles(n)
            for name, user in users.items():
                self.client.force_login(user)
                self.client.get(url)
                with CaptureQueriesContext(connection) as q:
                    r = self.client.get(url)
                print(n, name, r.status_code, len(q))
                if n == 10 and name in ("edith",):
                    for i, x in enumerate(q.captured_queries):
                        print(i, x["sql"][:220])
